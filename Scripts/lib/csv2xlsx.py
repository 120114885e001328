"""Writes a CSV as Excel would save it (text in deduplicated shared strings), and a zip bomb.
Usage: csv2xlsx.py CSV XLSX [BOMB]. Shared by Scripts/bench-xlsx and Scripts/bench-xlsx-memory."""
import csv, os, sys, zipfile
from xml.sax.saxutils import escape
src, dst = sys.argv[1:3]
bomb = sys.argv[3] if len(sys.argv) > 3 else None
WB = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
HEAD = '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
TAIL = '</sheetData></worksheet>'
TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
         '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
         '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
ROOT = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
def col(i):
    s = ""
    i += 1
    while i: i, r = divmod(i - 1, 26); s = chr(65 + r) + s
    return s
if not os.path.exists(dst):
    index = {}
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as z:
        z.writestr("[Content_Types].xml", TYPES); z.writestr("_rels/.rels", ROOT)
        z.writestr("xl/workbook.xml", WB); z.writestr("xl/_rels/workbook.xml.rels", RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(HEAD.encode())
            for r, row in enumerate(csv.reader(open(src, encoding="utf-8")), 1):
                cells = []
                for c, v in enumerate(row):
                    if v == "": continue
                    i = index.setdefault(v, len(index))
                    cells.append('<c r="%s%d" t="s"><v>%d</v></c>' % (col(c), r, i))
                f.write(('<row r="%d">%s</row>' % (r, "".join(cells))).encode())
            f.write(TAIL.encode())
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
            f.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            for s in index: f.write(('<si><t xml:space="preserve">%s</t></si>' % escape(s)).encode())
            f.write(b"</sst>")
if bomb and not os.path.exists(bomb):
    header = open(src, encoding="utf-8").readline().rstrip("\n").split(",")
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9, allowZip64=True) as z:
        z.writestr("[Content_Types].xml", TYPES); z.writestr("_rels/.rels", ROOT)
        z.writestr("xl/workbook.xml", WB); z.writestr("xl/_rels/workbook.xml.rels", RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write(HEAD.encode())
            f.write(('<row>%s</row>' % "".join('<c t="inlineStr"><is><t>%s</t></is></c>' % escape(h) for h in header)).encode())
            block = ('<row><c t="inlineStr"><is><t>%s</t></is></c></row>' % ("x" * 200)).encode() * 4096
            for _ in range((1 << 30) // len(block)): f.write(block)
            f.write(TAIL.encode())
