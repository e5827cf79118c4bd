"""The page in real headless Chromium against the app served by waitress on loopback."""
import os
import shutil
import tempfile
import threading
import time

import pytest

from packed_gpt2 import PackedGPT2

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)),
                                reason="Debian chromium + chromium-driver not installed (.ci/run installs them)")


class Paced(PackedGPT2):
    """The model's forward pass, slowed to a steady 40 ms a step, so the tiny model's reply
    reaches the browser over several reads however fast this machine decodes."""

    def __call__(self, plan, cache):
        time.sleep(0.04)
        return super().__call__(plan, cache)


@pytest.fixture(scope="module")
def server(bot, trained):
    from waitress import create_server

    from app import create_app
    from chatbot import ChatBot
    from flask_predict import Predictor
    from parameter_config import ParameterConfig
    config = ParameterConfig(**{**trained[0].to_dict(), "top_k": 1})
    chat = ChatBot(bot.model, bot.tokenizer, config, bot.planner, name=bot.name)
    chat.engine = Paced(bot.model)
    app = create_app(config, predictor=Predictor(chat))
    srv = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.effective_port}"
    srv.close()


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def ask(browser, text):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait
    before = len(browser.find_elements(By.CSS_SELECTOR, ".bubble.bot"))
    box = browser.find_element(By.ID, "question")
    box.send_keys(text)
    box.send_keys(Keys.ENTER)
    wait = WebDriverWait(browser, 60)
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".bubble.bot")) > before)
    wait.until(lambda d: d.find_element(By.ID, "send").is_enabled())  # the stream has finished
    return browser.find_elements(By.CSS_SELECTOR, ".bubble.bot")[-1].text


def test_streamed_answer_and_literal_html(server, browser, trained):
    from selenium.webdriver.common.by import By
    _, dialogues = trained
    question, answer = dialogues[0].utterances
    browser.get(server + "/")
    assert browser.title == "医疗问诊机器人"
    assert "仅供参考" in browser.find_element(By.CLASS_NAME, "note").text
    browser.execute_script("""
        window.__pieces = 0;
        const seen = new MutationObserver(() => window.__pieces++);
        seen.observe(document.getElementById('messages'), {subtree: true, childList: true, characterData: true});
    """)
    assert ask(browser, question) == answer
    assert browser.execute_script("return window.__pieces") > 3  # the answer arrived in pieces

    payload = "<img src=x onerror=alert(1)>"
    ask(browser, payload)
    users = browser.find_elements(By.CSS_SELECTOR, ".bubble.user")
    assert users[-1].text == payload
    assert browser.find_elements(By.CSS_SELECTOR, "#messages img") == []

    browser.find_element(By.ID, "clear").click()
    assert browser.find_elements(By.CSS_SELECTOR, ".bubble") == []
