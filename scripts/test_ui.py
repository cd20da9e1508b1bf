"""Browser test of rnnkit's training UI; run by scripts/test-ui (arguments: repository root, output folder)."""
import os
import re
import socket
import subprocess
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

root, out = sys.argv[1], sys.argv[2]
rnnkit = os.path.join(root, "scripts", "rnnkit")
csv = os.path.join(root, "datasets", "seattle-weather", "seattle-weather.csv")


def fail(message):
    print("test-ui: FAILED: " + message, file=sys.stderr)
    sys.exit(1)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, condition, timeout):
    """Polls condition() until it returns something truthy; fails naming `what` after `timeout` seconds."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    fail(f"{what} (waited {timeout} s)")


def url_in(log_path, process):
    """The overview address printed by the trainer, once it is there."""
    with open(log_path, encoding="utf-8") as f:
        m = re.search(r"training UI at (http://\S+)", f.read())
    if m:
        return m.group(1)
    if process.poll() is not None:
        fail(f"training ended (exit {process.returncode}) before printing the UI address; see {log_path}")
    return None


def score_points(driver):
    # flot keeps its plot object on the placeholder; series 0 is the score per iteration.
    return driver.execute_script(
        "var p = window.jQuery && jQuery('#scoreiterchart').data('plot');"
        "return p ? p.getData()[0].data.length : 0;")


options = webdriver.ChromeOptions()
for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"):
    options.add_argument(arg)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
env = dict(os.environ, RNNKIT_JAVA_OPTS="-Xmx2g")
train_log = os.path.join(out, "train.log")
stats = os.path.join(out, "stats.dl4j")
report = os.path.join(out, "report.html")
port = free_port()
try:
    with open(train_log, "w", encoding="utf-8") as log:
        train = subprocess.Popen(
            [rnnkit, "forecast", "train", "--csv", csv, "--target", "temp_max", "--out", os.path.join(out, "f.rnnk"),
             "--units", "16", "--epochs", "40", "--patience", "0", "--quiet",
             "--ui", str(port), "--ui-file", stats, "--report", report],
            stdout=log, stderr=subprocess.STDOUT, env=env)
    t0 = time.time()
    overview = wait_for("the trainer printing the UI address", lambda: url_in(train_log, train), 120)
    print(f"test-ui: UI address after {time.time() - t0:.1f} s: {overview}", file=sys.stderr)
    if not overview.startswith(f"http://localhost:{port}/"):
        fail(f"the UI is not on the asked port {port}: {overview}")
    driver.get(overview)
    first = wait_for("points in the score chart", lambda: score_points(driver), 90)
    print(f"test-ui: score chart has {first} point(s)", file=sys.stderr)
    later = wait_for("the score chart gaining points (page updates)",
                     lambda: (lambda n: n if n > first else 0)(score_points(driver)), 60)
    print(f"test-ui: then {later} point(s): the page updates", file=sys.stderr)
    driver.save_screenshot(os.path.join(out, "overview.png"))

    driver.get(overview.replace("/train/overview", "/rnnkit/epochs"))
    epochs = wait_for("an epoch on rnnkit's page", lambda: driver.execute_script(
        "var l = document.querySelector('polyline.train');"
        "return l ? parseInt(l.getAttribute('data-points')) : 0;"), 90)
    print(f"test-ui: rnnkit's epoch page shows {epochs} epoch(s)", file=sys.stderr)
    # The task's own metric (the validation MAE in the target's units) beside the losses.
    wait_for("the task metric (val_mae) on rnnkit's page", lambda: "val_mae" in driver.page_source, 30)
    print("test-ui: rnnkit's epoch page shows the task metric val_mae", file=sys.stderr)
    driver.save_screenshot(os.path.join(out, "epochs.png"))

    code = train.wait(timeout=150)
    if code != 0:
        fail(f"training exited {code}; see {train_log}")
    with open(report, encoding="utf-8") as f:
        html = f.read()
    rows = html.count("<tr><td>")
    if "data:image/png;base64," not in html or rows < 1:
        fail(f"the report {report} lacks the chart or the epoch rows")
    if "<th>val_mae</th>" not in html:
        fail(f"the report {report} lacks the task metric val_mae (the curves of a run with validation)")
    print(f"test-ui: report has the chart and {rows} epoch row(s)", file=sys.stderr)

    # The stored statistics, served again by 'rnnkit ui FILE'.
    port2 = free_port()
    view_log = os.path.join(out, "ui.log")
    with open(view_log, "w", encoding="utf-8") as log:
        view = subprocess.Popen([rnnkit, "ui", stats, "--port", str(port2)], stdout=log, stderr=subprocess.STDOUT,
                                env=env)
    try:
        stored = wait_for("'rnnkit ui' printing its address", lambda: url_in(view_log, view), 90)
        driver.get(stored)
        n = wait_for("points in the stored run's score chart", lambda: score_points(driver), 60)
        print(f"test-ui: 'rnnkit ui' shows the stored run ({n} points)", file=sys.stderr)
        driver.save_screenshot(os.path.join(out, "stored.png"))
    finally:
        view.terminate()
        view.wait(timeout=30)
finally:
    driver.quit()
    if train.poll() is None:
        train.terminate()
