#!/usr/bin/env python3
"""Writes the hand-made regression inputs beside this script: one per kind of input that made
the imports trap before issue 7 (Foundation's XMLParser on invalid UTF-8 in a tag name, a
negative shared-string index, a column reference far beyond XFD, a row number beyond Excel's,
a NUL in a CSV cell, a sheet cut short). Each starts from the demo shop's Samples/2026-08/VIP客户名单.xlsx with
one part changed. Inputs saved by Scripts/fuzz land here too; expected.tsv says what each
one must be refused with (the start of the English message)."""
import io, os, re, zipfile
here = os.path.dirname(os.path.abspath(__file__))
src = os.path.join(here, "..", "..", "..", "Samples", "2026-08", "VIP客户名单.xlsx")

def rezip(name, part, change):
    zin = zipfile.ZipFile(src)
    with zipfile.ZipFile(os.path.join(here, name), "w", zipfile.ZIP_DEFLATED) as z:
        for n in zin.namelist():
            data = zin.read(n)
            z.writestr(n, change(data) if n == part else data)

sheet = "xl/worksheets/sheet1.xml"
rezip("regress-utf8-tag-name.xlsx", sheet, lambda x: x.replace(b"<row ", b"<ro\xffw ", 1))
rezip("regress-negative-shared-string.xlsx", sheet, lambda x: re.sub(rb'(t="s"[^>]*><v>)\d+', rb"\g<1>-1", x, count=1))
rezip("regress-column-beyond-xfd.xlsx", sheet, lambda x: re.sub(rb'<c r="A2"', b'<c r="ZZZZZZZ2"', x, count=1))
rezip("regress-row-beyond-excel.xlsx", sheet, lambda x: re.sub(rb'<row r="2"', b'<row r="99999999999"', x, count=1))
rezip("regress-sheet-cut-short.xlsx", sheet, lambda x: x[: len(x) // 2])
open(os.path.join(here, "regress-nul-in-cell.csv"), "wb").write("订单号,买家昵称\n1001,tb_a\n1002,tb\0b\n".encode())
