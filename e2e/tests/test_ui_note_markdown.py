"""A note cell's Markdown (js/markdown.js) in headless Chromium: headings, lists, code, emphasis and links drawn as
elements; HTML in a note and `javascript:` links shown as text, never run."""

NOTE = """# Runbook
Check **disk** and *load* with `df -h`.

- restart [the service](https://example.test/run)
- never [this](javascript:alert(1))

<img src=x onerror="window.pwned=1">

```
sudo systemctl restart app
```
> quoted"""


def test_a_note_is_drawn_and_never_run(make_server, browser):
    server = make_server().start()
    browser.get(server.control_url + "/sources/0/dashboards")
    html = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "import('/ui/js/markdown.js').then((m) => { const div = document.createElement('div');"
        " div.append(...m.renderMarkdown(arguments[0])); document.body.append(div); done(div.innerHTML); });", NOTE)
    assert "<h1>Runbook</h1>" in html
    assert "<strong>disk</strong>" in html and "<em>load</em>" in html and "<code>df -h</code>" in html
    assert '<a href="https://example.test/run" target="_blank" rel="noopener noreferrer">the service</a>' in html
    assert "<li>never [this](javascript:alert(1))</li>" in html
    assert "&lt;img src=x onerror=" in html and "<img" not in html
    assert "<pre><code>sudo systemctl restart app</code></pre>" in html and "<blockquote>quoted</blockquote>" in html
    assert browser.execute_script("return window.pwned === undefined")
