#!/usr/bin/env python3
"""Adds English translations to SharedResource.en.resx from a TSV (Japanese key <TAB> English) on stdin.
Existing keys are left alone. Usage: tools/add-translations.py < new.tsv"""
import html, re, sys
path = "src/Meguro.Learning.Web/Resources/SharedResource.en.resx"
text = open(path, encoding="utf-8").read()
have = {html.unescape(k) for k in re.findall(r'<data name="([^"]*)"', text)}
added = []
for line in sys.stdin:
    line = line.rstrip("\n")
    if not line.strip() or line.startswith("#"):
        continue
    key, value = line.split("\t", 1)
    if key in have:
        continue
    have.add(key)
    added.append(f'  <data name="{html.escape(key, quote=True)}" xml:space="preserve"><value>{html.escape(value, quote=False)}</value></data>\n')
text = text.replace("</root>", "".join(added) + "</root>")
open(path, "w", encoding="utf-8").write(text)
print(f"added {len(added)}")
