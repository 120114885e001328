#!/usr/bin/env python3
"""A month of the shop run from browsers (issue 12), end to end, in Debian's chromium.

The lead uploads the demo shop's October exports, draws and shares the list between two
callers; the two callers record at the same time (an escalation, an unreachable case that
brings a reserve in, a refusal, scored cases); the lead submits; an auditor scores two of
September's transcripts; the manager sees the satisfaction the report gives and downloads the
workbook, whose cells this test reads. Every page is saved as a screenshot at 1366x768 and at
phone width (390x844), and no page scrolls sideways on a phone.

Usage: python3 Tests/Browser/month_in_browser.py [SPOTCHECK_BINARY]
Screenshots go to browser-test-out/ (not committed). Exit status 0 when every check passed.
"""
import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import openpyxl
from playwright.async_api import async_playwright

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/spotcheck")
SAMPLES = os.path.join(ROOT, "Samples")
SHOTS = os.path.join(ROOT, "browser-test-out")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "browser-test-password"
USERS = [("王组长", "lead"), ("李娜", "caller"), ("张伟", "caller"), ("陈静", "auditor"), ("刘总", "manager")]
OCTOBER = [
    "淘宝-ExportOrderList202610251000.csv", "京东-订单导出.xlsx", "拼多多-订单导出.csv", "抖店-订单导出.csv",
    "淘宝-退款导出.csv", "京东-售后服务单.xlsx", "拼多多-售后导出.csv", "抖店-售后导出.xlsx",
    "快递异常登记表.xlsx", "淘宝-评价导出.xlsx",
]
failures = []
shots = []


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        failures.append(what)


def run(args, today, stdin=None, db=None):
    env = dict(os.environ, SPOTCHECK_TODAY=today, SPOTCHECK_DB=db, USER="browser-test")
    r = subprocess.run([BIN] + args, env=env, input=stdin, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"spotcheck {' '.join(args)} failed: {r.stderr}")
    return r.stdout


def prepare(workspace):
    """A new workspace with September's transcripts checked and drawn for audit, and the users."""
    db = os.path.join(workspace, "spotcheck.db")
    run(["init"], "2026-10-08", db=db)
    s = os.path.join(SAMPLES, "2026-09")
    run(["qa", "import", "--channel", "chat", os.path.join(s, "聊天记录.csv")], "2026-10-08", db=db)
    run(["qa", "import", "--channel", "call", os.path.join(s, "通话转写.jsonl")], "2026-10-08", db=db)
    run(["qa", "check", "--month", "2026-09"], "2026-10-08", db=db)
    run(["qa", "sample", "--month", "2026-09", "--seed", "20261008"], "2026-10-08", db=db)
    for name, role in USERS:
        run(["user", "add", name, "--role", role, "--password-stdin"], "2026-10-08", stdin=PASSWORD + "\n", db=db)
    return db


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def shoot(page, name, phone_check=True):
    """Saves the page at desktop and phone width; on the phone nothing may scroll sideways."""
    os.makedirs(SHOTS, exist_ok=True)
    await page.set_viewport_size({"width": 1366, "height": 768})
    path = os.path.join(SHOTS, f"{name}-1366.png")
    await page.screenshot(path=path, full_page=True)
    shots.append(path)
    await page.set_viewport_size({"width": 390, "height": 844})
    path = os.path.join(SHOTS, f"{name}-390.png")
    await page.screenshot(path=path, full_page=True)
    shots.append(path)
    if phone_check:
        wide = await page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        check(wide <= 0, f"{name}: no horizontal scroll at 390 px (overflow {wide} px)")
    await page.set_viewport_size({"width": 1366, "height": 768})


async def sign_in(browser, base, name):
    context = await browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    page = await context.new_page()
    page.on("dialog", lambda d: asyncio.ensure_future(d.accept()))
    await page.goto(base + "/login")
    await page.fill("input[name=name]", name)
    await page.fill("input[name=password]", PASSWORD)
    await page.click("#login button[type=submit]")
    await page.wait_for_load_state("load")
    return context, page


async def lead_month(browser, base):
    context, page = await sign_in(browser, base, "王组长")
    check(page.url.endswith("/lead"), f"the lead lands on /lead ({page.url})")
    await shoot(page, "lead-month-empty")
    # Upload: the ten exports through the file picker; the page guesses each file's kind.
    await page.goto(base + "/lead/upload?month=2026-10")
    await shoot(page, "lead-upload-empty")
    async with page.expect_navigation():
        await page.set_input_files(".dropzone input[type=file]", [os.path.join(SAMPLES, "2026-10", f) for f in OCTOBER])
    await page.wait_for_selector("#staged select")
    kinds = await page.eval_on_selector_all("#staged select", "els => els.map(e => e.value)")
    check(len(kinds) == 10 and all(kinds), f"ten staged files, each with a kind guessed ({kinds})")
    check(kinds.count("orders") == 4 and kinds.count("after-sales") == 4, "four order and four after-sales exports")
    await shoot(page, "lead-upload-staged")
    await page.click("#staged button[type=submit]:not(.link)")
    await page.wait_for_selector("#imported")
    await shoot(page, "lead-upload-imported")
    # Draw with a given seed.
    await page.goto(base + "/lead?month=2026-10")
    await page.fill("form[action='/lead/draw']:not(:has(input[name=redraw])) input[name=seed]", "20261026")
    await page.click("form[action='/lead/draw']:not(:has(input[name=redraw])) button[type=submit]")
    await page.wait_for_selector("#seed")
    check((await page.inner_text("#seed")).strip() == "20261026", "the draw shows its seed")
    drawn = (await page.inner_text("#main-list")).strip()
    check(drawn == "50", f"50 customers drawn ({drawn})")
    await shoot(page, "lead-month-drawn")
    # Share the list between the two callers.
    await page.goto(base + "/lead/assign?month=2026-10")
    await page.click("form[action='/lead/assign/even'] button")
    await page.wait_for_load_state("load")
    check((await page.inner_text("#unassigned")).strip() == "0", "every case assigned")
    await shoot(page, "lead-assign")
    return context, page


async def case_page(page, base, item):
    await page.goto(f"{base}/caller/case/{item}?month=2026-10")
    await page.wait_for_selector("#record")


async def attempt(page, at, result):
    await page.fill("#attempt-at", at)
    await page.dispatch_event("#attempt-at", "input")
    await page.click(f"#record form:has(input[name=result][value='{result}']) button[type=submit]")
    await page.wait_for_load_state("load")


async def scored(page, at, score, complaint=None, note=None):
    await page.fill("#attempt-at", at)
    await page.dispatch_event("#attempt-at", "input")
    form = "#record form[data-score-form]"
    await page.check(f"{form} input[name=score][value='{score}']")
    if note:
        await page.fill(f"{form} textarea[name=note]", note)
    if complaint:
        await page.select_option(f"{form} select[name=complaint]", complaint)
    await page.click(f"{form} button[type=submit]")
    await page.wait_for_load_state("load")


async def my_items(page, base):
    await page.goto(base + "/caller?month=2026-10")
    links = await page.eval_on_selector_all(
        "a[href^='/caller/case/']", "els => [...new Set(els.map(e => e.getAttribute('href')))]")
    return [int(h.split("/")[3].split("?")[0]) for h in links]


async def caller_li(browser, base):
    """李娜: an escalation (scored 2, reply due in 30 minutes), an unreachable case, a 5."""
    context, page = await sign_in(browser, base, "李娜")
    items = await my_items(page, base)
    check(len(items) == 25, f"李娜 has 25 cases ({len(items)})")
    await shoot(page, "caller-list")
    first, second, third = items[0], items[1], items[2]
    await case_page(page, base, first)
    await shoot(page, "caller-case")
    await scored(page, "2026-10-27T10:50", 2, complaint="escalated", note="快递太慢，包装破损")
    text = await page.inner_text("main")
    check("11:20" in text, "the escalation's reply is due 30 minutes after the call (11:20)")
    await shoot(page, "caller-case-escalated")
    await case_page(page, base, second)
    for at in ["2026-10-26T10:00", "2026-10-26T14:00", "2026-10-26T18:00"]:
        await attempt(page, at, "no-answer")
    await page.click("#details form:has(input[name=imLeft]) button[type=submit]")
    await page.wait_for_load_state("load")
    await case_page(page, base, third)
    await scored(page, "2026-10-27T09:30", 5)
    after = await my_items(page, base)
    new = [i for i in after if i not in items]
    check(len(new) == 1 and new[0] > 50, f"the unreachable case brought a reserve onto 李娜's list ({new})")
    await shoot(page, "caller-list-with-reserve")
    return context


async def caller_zhang(browser, base):
    """张伟: a case declined in two periods (拒接), a refusal to score (counts 3), a 4."""
    context, page = await sign_in(browser, base, "张伟")
    items = await my_items(page, base)
    check(len(items) == 25, f"张伟 has 25 cases ({len(items)})")
    await case_page(page, base, items[0])
    for at in ["2026-10-26T14:30", "2026-10-27T10:30"]:
        await attempt(page, at, "rejected")
    await case_page(page, base, items[1])
    await attempt(page, "2026-10-27T09:45", "refused-after-connect")
    await case_page(page, base, items[2])
    await scored(page, "2026-10-27T10:05", 4, note="希望发货再快一点")
    # Another caller's case is not his.
    other = await page.goto(f"{base}/caller/case/{items[0] + 1 if items[0] + 1 not in items else items[0] - 1}?month=2026-10")
    check(other.status == 403, f"another caller's case is refused ({other.status})")
    return context


async def lead_submit(page, base):
    await page.goto(base + "/lead/progress?month=2026-10")
    text = await page.inner_text("main")
    check("11:20" in text, "the lead sees the escalation due at 11:20")
    reserves = await page.inner_text("#reserves")
    check("李娜" in reserves, f"the reserve in play is 李娜's ({reserves.strip()})")
    await shoot(page, "lead-progress")
    await page.click("#submit form button[type=submit]")
    await page.wait_for_load_state("load")
    await page.goto(base + "/lead?month=2026-10")
    check("递交" in await page.inner_text("#deadline"), "the month shows when it was handed in")
    await shoot(page, "lead-month-submitted")
    await page.goto(base + "/log")
    log = await page.inner_text("main")
    check(all(w in log for w in ["导入", "抽样", "分配", "回访记录", "递交"]), "the audit log lists each step")
    await shoot(page, "log")


async def auditor(browser, base):
    context, page = await sign_in(browser, base, "陈静")
    await page.goto(base + "/auditor?period=2026-09")
    await shoot(page, "auditor-queue")
    await page.click("a[href^='/auditor/transcript/']")
    await page.wait_for_selector("form[data-scorecard]")
    await shoot(page, "auditor-transcript")
    first_url = page.url
    # Every item at its top score: 100, pass, shown live before saving.
    for item in await page.query_selector_all("[data-item]"):
        radios = await item.query_selector_all("input[type=radio]")
        await radios[-1].check()
    check((await page.inner_text("[data-total]")).strip() == "100", "the live total is 100")
    await page.click("button[name=then][value=next]")
    await page.wait_for_load_state("load")
    check(page.url != first_url, "save and next opens the next transcript")
    # A critical item at its lowest score fails whatever the rest.
    for item in await page.query_selector_all("[data-item]"):
        radios = await item.query_selector_all("input[type=radio]")
        await radios[-1].check()
    critical = await page.query_selector("[data-item][data-critical]")
    await (await critical.query_selector_all("input[type=radio]"))[0].check()
    passed = (await page.inner_text("[data-passed]")).strip()
    check(passed == "不合格", f"a critical item at its lowest score fails ({passed})")
    await page.click("button[name=then][value=stay]")
    await page.wait_for_load_state("load")
    await page.goto(base + "/auditor?period=2026-09")
    scored = await page.evaluate(
        "[...document.querySelector('table.data').tBodies[0].rows].map(r => Number(r.cells[2].innerText))")
    check(sum(scored) == 2, f"the queue counts the two scored transcripts ({scored})")
    await shoot(page, "auditor-queue-scored")
    return context


async def manager(browser, base, workspace):
    context, page = await sign_in(browser, base, "刘总")
    await page.goto(base + "/manager?month=2026-10")
    shown = (await page.inner_text("#value")).strip()
    html = await page.content()
    check(re.search(r"1[3-9]\d{9}", html) is None, "no phone number in full on the manager's page")
    await shoot(page, "manager")
    async with page.expect_download() as info:
        await page.click("a[href^='/manager/download/report']")
    download = await info.value
    path = os.path.join(workspace, "report.xlsx")
    await download.save_as(path)
    book = openpyxl.load_workbook(path, data_only=True)
    summary = book["服务抽查汇总表"]
    cell = next(row[1].value for row in summary.iter_rows() if row[0].value == "服务满意度")
    # Counted: 2 (escalated), 5, 3 (refused to score), 4 — satisfaction (2 + 5 + 3 + 4) / 4 = 3.5.
    check(abs(float(cell) - 3.5) < 1e-9, f"the report's satisfaction is 3.5 ({cell})")
    check(shown.startswith("3.5"), f"the manager's page shows the report's satisfaction ({shown})")
    return context


async def anonymous_pages(browser, base):
    context = await browser.new_context(viewport={"width": 1366, "height": 768})
    page = await context.new_page()
    await page.goto(base + "/caller")
    check("/login" in page.url, "an anonymous visitor is sent to sign in")
    await shoot(page, "login")
    await context.close()


async def main():
    workspace = tempfile.mkdtemp(prefix="spotcheck-browser-")
    shutil.rmtree(SHOTS, ignore_errors=True)
    db = prepare(workspace)
    port = free_port()
    env = dict(os.environ, SPOTCHECK_DB=db, USER="browser-test")
    env.pop("SPOTCHECK_TODAY", None)
    server = subprocess.Popen(
        [BIN, "--today", "2026-10-27 11:00", "serve", "--port", str(port)], env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/login", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            await anonymous_pages(browser, base)
            lead_context, lead_page = await lead_month(browser, base)
            contexts = await asyncio.gather(caller_li(browser, base), caller_zhang(browser, base))
            await lead_submit(lead_page, base)
            contexts.append(await auditor(browser, base))
            contexts.append(await manager(browser, base, workspace))
            for c in contexts + [lead_context]:
                await c.close()
            await browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(workspace, ignore_errors=True)
    print(f"{len(shots)} screenshots in {os.path.relpath(SHOTS, ROOT)}/")
    if failures:
        sys.exit(f"{len(failures)} checks failed: " + "; ".join(failures))
    print("the month ran in the browser: every check passed")


asyncio.run(main())
