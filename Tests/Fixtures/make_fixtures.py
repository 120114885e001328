#!/usr/bin/python3
"""Writes the XLSX fixtures that another program than SpotCheck made (openpyxl, Debian's
python3-openpyxl). Run from this folder: /usr/bin/python3 make_fixtures.py
The files are committed; this script says how they were made."""
import datetime
import openpyxl

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "售后登记"
ws.append(["2026年11月售后问题处理表"])
ws.append([])
ws.append(["客户", "手机号", "旺旺号", "订单编号", "商品", "购买日期", "问题描述", "处理人", "处理日期"])
ws.append(["张丽", 13812345678, "tb_lily", "3612345678901234567", "纯棉四件套", datetime.date(2026, 10, 20), "尺码不符退换", "小王", datetime.datetime(2026, 11, 3, 14, 30)])
ws.append(["李强", "139****1111", "liqiang88", "3612345678901234568", "羽绒被", "2026/10/1", "质量问题,要求退款", "小张", "2026年11月5日"])
ws.append(["王芳", "+86 137-0000-1111", None, "3612345678901234569", "枕芯", datetime.date(2026, 10, 30), "物流破损", "小王", datetime.date(2026, 11, 10)])
ws.append([None, None, None, None, None, None, None, None, None])
ws.append(["赵敏", "13911112222", "zhaomin", "=\"3612345678901234570\"", "乳胶枕", datetime.date(2026, 11, 1), "少发配件", "小张", 46332])
for row in ws.iter_rows(min_row=4, max_row=8):
    row[5].number_format = "yyyy/m/d"
ws["I4"].number_format = "yyyy-mm-dd hh:mm"
ws["I6"].number_format = "yyyy\"年\"m\"月\"d\"日\""
ws["I8"].number_format = "General"
other = wb.create_sheet("汇总")
other["A1"] = "合计"
other["B1"] = "=COUNTA(售后登记!A4:A8)"
other["C1"] = True
other["D1"] = 3.25
wb.save("openpyxl-after-sales.xlsx")
print("wrote openpyxl-after-sales.xlsx")
