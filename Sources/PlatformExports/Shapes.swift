import SpotCheckCore

/// The exports, one function each: the header set as the platform writes it, and its quirks.
public enum PlatformExport {
    // MARK: Taobao/Tmall

    /// 淘宝/天猫 订单报表 (`ExportOrderList<yyyyMMddHHmm>.csv`), the 61-column shape of 2021+:
    /// GBK, six headers with a trailing space, 联系手机 with a leading apostrophe, masked
    /// receiver fields, order numbers as `="…"` so that Excel keeps their digits.
    public static let taobaoOrderHeaders = [
        "订单编号", "买家会员名", "买家支付宝账号", "支付单号", "支付详情", "买家应付货款", "买家应付邮费", "买家支付积分", "总金额", "返点积分",
        "买家实际支付金额", "买家实际支付积分", "订单状态", "买家留言", "收货人姓名", "收货地址 ", "运送方式", "联系电话 ", "联系手机",
        "订单创建时间", "订单付款时间 ", "宝贝标题 ", "宝贝种类 ", "物流单号 ", "物流公司", "订单备注", "宝贝总数量", "店铺Id", "店铺名称",
        "订单关闭原因", "卖家服务费", "买家服务费", "发票抬头", "是否手机订单", "分阶段订单信息", "特权订金订单id", "是否上传合同照片",
        "是否上传小票", "是否代付", "定金排名", "修改后的sku", "修改后的收货地址", "异常信息", "天猫卡券抵扣", "集分宝抵扣", "是否是O2O交易",
        "新零售交易类型", "新零售导购门店名称", "新零售导购门店id", "新零售发货门店名称", "新零售发货门店id", "退款金额", "预约门店",
        "确认收货时间", "打款商家金额", "含应开票给个人的个人红包", "是否信用购", "体验期结束时间", "前N有礼", "配送类型", "主订单编号",
    ]

    public static func taobaoOrders(_ orders: [ExportOrder]) -> ExportTable {
        let h = taobaoOrderHeaders
        let rows = orders.map { o in
            row(
                h,
                [
                    "订单编号": "=\"\(o.orderNo)\"", "买家会员名": o.buyer, "买家支付宝账号": o.buyer.map { _ in "138****0000" },
                    "买家应付货款": yuan(o.amountFen), "买家应付邮费": "0.00", "总金额": yuan(o.amountFen),
                    "买家实际支付金额": yuan(o.amountFen),
                    "订单状态": o.status, "收货人姓名": o.name, "收货地址 ": "浙江省 杭州市 ***", "运送方式": "快递",
                    "联系手机": o.phone.map { "'" + $0 }, "订单创建时间": stamp(o.created), "订单付款时间 ": stamp(o.paid),
                    "宝贝标题 ": o.product, "宝贝种类 ": "1", "物流公司": "中通快递", "宝贝总数量": "1", "店铺Id": "100200300",
                    "店铺名称": "暖居家纺旗舰店", "是否手机订单": "手机订单", "确认收货时间": stamp(o.completed), "主订单编号": "=\"\(o.orderNo)\"",
                ])
        }
        return ExportTable(headers: h, rows: rows, totals: nil, encoding: .csvGBK)
    }

    /// 淘宝 退款管理 export, the current shape: no buyer nick and no phone (only the seller's
    /// own 卖家电话/卖家手机, which are never the customer's); open refunds have an empty
    /// 退款完结时间 and are placed by 退款的申请时间.
    public static let taobaoRefundHeaders = [
        "订单编号", "退款编号", "支付宝交易号", "订单付款时间", "商品编码", "退款完结时间", "买家实际支付金额", "宝贝标题", "买家退款金额",
        "手工退款/系统退款", "是否需要退货", "退款的申请时间", "超时时间", "退款状态", "货物状态", "退货物流信息", "发货物流信息", "客服介入状态",
        "卖家真实姓名", "卖家真实姓名(新)", "卖家退货地址", "卖家邮编", "卖家电话", "卖家手机", "退货物流单号", "退货物流公司", "买家退款原因",
        "买家退款说明", "买家退货时间", "责任方", "售中或售后", "商家备注", "完结时间", "部分退款/全部退款", "审核操作人", "举证超时",
        "是否零秒响应", "退款操作人", "退款原因标签", "业务类型", "是否帮他退款", "帮他退款操作账号",
    ]

    public static func taobaoRefunds(_ cases: [ExportAfterSale], totals: Bool = true) -> ExportTable {
        let h = taobaoRefundHeaders
        let rows = cases.map { c in
            row(
                h,
                [
                    "订单编号": "=\"\(c.orderNo)\"", "退款编号": c.caseNo, "支付宝交易号": "2026" + c.caseNo,
                    "商品编码": "SKU-\(c.product.count)",
                    "退款完结时间": stamp(c.done), "买家实际支付金额": yuan(c.amountFen), "宝贝标题": c.product,
                    "买家退款金额": yuan(c.amountFen),
                    "手工退款/系统退款": "系统退款", "是否需要退货": c.type.contains("退货") ? "是" : "否", "退款的申请时间": stamp(c.applied),
                    "退款状态": c.status, "货物状态": "买家已收到货", "客服介入状态": "客服未介入", "卖家真实姓名": "王店长",
                    "卖家退货地址": "浙江省杭州市余杭区仓前街道 1 号", "卖家邮编": "311121", "卖家电话": "0571-88886666", "卖家手机": "13900000000",
                    "买家退款原因": c.reason, "责任方": "卖家", "售中或售后": "售后", "完结时间": stamp(c.done), "部分退款/全部退款": "全部退款",
                    "审核操作人": c.handler, "退款操作人": c.handler, "业务类型": "退款",
                ])
        }
        let sum = cases.reduce(Int64(0)) { $0 + $1.amountFen }
        return ExportTable(
            headers: h, rows: rows, totals: totals ? row(h, ["订单编号": "合计", "买家退款金额": yuan(sum)]) : nil,
            encoding: .csvGBK)
    }

    /// 淘宝 退款 export, the older shape (c. 2017–2019) with the buyer nick (买家会员名称).
    public static let taobaoRefundOldHeaders = [
        "订单编号", "退款编号", "支付宝交易号", "订单付款时间", "商家编码", "退款完结时间", "买家会员名称", "买家实际支付金额", "宝贝标题",
        "买家退款金额", "手工退款/系统退款", "是否需要退货", "退款的申请时间", "超时时间", "退款状态", "货物状态", "退货物流信息", "发货物流信息",
        "客服介入状态", "卖家真实姓名", "卖家退货地址", "卖家邮编", "卖家电话", "卖家手机", "退货物流单号", "退货物流公司", "买家退款原因",
        "买家退款说明", "买家退货时间", "责任方", "售中或售后", "商家备注", "完结时间", "部分退款/全部退款", "审核操作人", "举证超时",
        "是否零秒响应", "退款操作人",
    ]

    public static func taobaoRefundsOld(_ cases: [ExportAfterSale]) -> ExportTable {
        let h = taobaoRefundOldHeaders
        return ExportTable(
            headers: h,
            rows: cases.map { c in
                row(
                    h,
                    [
                        "订单编号": c.orderNo, "退款编号": c.caseNo, "退款完结时间": stamp(c.done), "买家会员名称": c.buyer,
                        "宝贝标题": c.product,
                        "买家实际支付金额": yuan(c.amountFen), "买家退款金额": yuan(c.amountFen), "退款的申请时间": stamp(c.applied),
                        "退款状态": c.status, "卖家手机": "13900000000", "买家退款原因": c.reason, "审核操作人": c.handler,
                        "退款操作人": c.handler,
                    ])
            }, totals: nil, encoding: .csvGBK)
    }

    /// Reviews as a review-export tool writes them (千牛 has no official export).
    public static let taobaoReviewHeaders = ["序号", "用户昵称", "评价时间", "评价类型", "SKU", "初评内容", "追评内容"]

    public static func taobaoReviews(_ reviews: [ExportReview]) -> ExportTable {
        let h = taobaoReviewHeaders
        return ExportTable(
            headers: h,
            rows: reviews.enumerated().map { i, r in
                row(
                    h,
                    [
                        "序号": String(i + 1), "用户昵称": r.buyer, "评价时间": stamp(r.at), "评价类型": r.level, "SKU": r.sku,
                        "初评内容": r.text,
                    ])
            }, totals: nil, encoding: .xlsx(sheet: "评价"))
    }

    // MARK: JD

    /// 京东 订单 export (30 columns): 下单帐号 (帐, not 账), full-width brackets in 商家备注等级.
    public static let jdOrderHeaders = [
        "订单号", "商品ID", "商品名称", "订购数量", "支付方式", "下单时间", "京东价", "订单金额", "结算金额", "余额支付", "应付金额", "订单状态",
        "订单类型", "下单帐号", "客户姓名", "客户地址", "联系电话", "订单备注", "发票类型", "发票抬头", "发票内容", "商家备注",
        "商家备注等级（等级1-5为由高到低）", "运费金额", "付款确认时间", "增值税发票", "货号", "订单完成时间", "订单来源", "订单渠道",
    ]

    public static func jdOrders(_ orders: [ExportOrder]) -> ExportTable {
        let h = jdOrderHeaders
        return ExportTable(
            headers: h,
            rows: orders.map { o in
                row(
                    h,
                    [
                        "订单号": o.orderNo, "商品ID": "100012345678", "商品名称": o.product, "订购数量": "1", "支付方式": "在线支付",
                        "下单时间": stamp(o.created), "京东价": yuan(o.amountFen), "订单金额": yuan(o.amountFen),
                        "结算金额": yuan(o.amountFen),
                        "应付金额": yuan(o.amountFen), "订单状态": o.status, "订单类型": "普通订单", "下单帐号": o.buyer, "客户姓名": o.name,
                        "客户地址": "北京 朝阳区 ****", "联系电话": o.phone, "付款确认时间": stamp(o.paid), "订单完成时间": stamp(o.completed),
                        "订单来源": "移动端", "订单渠道": "京东",
                    ])
            }, totals: nil, encoding: .xlsx(sheet: "订单"))
    }

    /// 京东 售后服务单 export. No public reader was found: the set is reconstructed from JD's
    /// API fields (服务单号, 申请时间, 客户期望, 服务单状态) and ERPs that store them.
    public static let jdServiceHeaders = [
        "服务单号", "申请单号", "订单号", "商品编号", "商品名称", "申请数量", "客户期望", "服务单状态", "申请时间", "客户账号", "客户姓名",
        "联系电话", "问题描述", "审核人", "审核时间", "审核意见", "处理结果", "处理人", "处理时间", "完成时间", "退款金额",
    ]

    public static func jdService(_ cases: [ExportAfterSale]) -> ExportTable {
        let h = jdServiceHeaders
        return ExportTable(
            headers: h,
            rows: cases.map { c in
                row(
                    h,
                    [
                        "服务单号": c.caseNo, "申请单号": "A" + c.caseNo, "订单号": c.orderNo, "商品编号": "100012345678",
                        "商品名称": c.product,
                        "申请数量": "1", "客户期望": c.type, "服务单状态": c.status, "申请时间": stamp(c.applied), "客户账号": c.buyer,
                        "客户姓名": c.name, "联系电话": c.phone, "问题描述": c.reason, "审核人": c.handler, "审核时间": stamp(c.done),
                        "处理结果": c.done == nil ? nil : "已处理", "处理人": c.handler, "完成时间": stamp(c.done),
                        "退款金额": yuan(c.amountFen),
                    ])
            }, totals: nil, encoding: .xlsx(sheet: "服务单"))
    }

    // MARK: Pinduoduo

    /// 拼多多 订单 export (the column order of a real file; current exports carry no receiver
    /// name or phone, only 省/市/区): values with a trailing tab, order numbers `yymmdd-…`.
    public static let pddOrderHeaders = [
        "订单成交时间", "商品", "订单号", "订单状态", "商品总价(元)", "邮费(元)", "店铺优惠折扣(元)", "平台优惠折扣(元)", "多多支付立减金额(元)",
        "用户实付金额(元)", "商家实收金额(元)", "商品数量(件)", "支付时间", "发货时间", "确认收货时间", "商品id", "商品规格", "样式ID",
        "商家编码-规格维度", "商家编码-商品维度", "商家备注", "售后状态", "快递单号", "快递公司", "省", "市", "区",
    ]

    public static func pddOrders(_ orders: [ExportOrder]) -> ExportTable {
        let h = pddOrderHeaders
        func t(_ s: String?) -> String? { s.map { $0 + "\t" } }
        return ExportTable(
            headers: h,
            rows: orders.map { o in
                row(
                    h,
                    [
                        "订单成交时间": t(stamp(o.paid ?? o.created)), "商品": o.product, "订单号": t(o.orderNo), "订单状态": o.status,
                        "商品总价(元)": t(yuan(o.amountFen)), "邮费(元)": t("0"), "用户实付金额(元)": t(yuan(o.amountFen)),
                        "商家实收金额(元)": t(yuan(o.amountFen)), "商品数量(件)": t("1"), "支付时间": t(stamp(o.paid)),
                        "确认收货时间": t(stamp(o.completed)), "商品id": t("381234567890"), "售后状态": "无售后或售后取消", "省": "广东省",
                        "市": "深圳市",
                        "区": "南山区",
                    ])
            }, totals: nil, encoding: .csvUTF8BOM)
    }

    /// 拼多多 售后 export (售后编号 and 订单编号 confirmed; the rest the usual reconstruction;
    /// no buyer or phone columns).
    public static let pddAfterSaleHeaders = [
        "售后编号", "订单编号", "商品名称", "商品ID", "商品规格", "售后类型", "售后状态", "申请时间", "退款金额(元)", "退款原因", "售后说明", "处理人",
        "完结时间",
    ]

    public static func pddAfterSales(_ cases: [ExportAfterSale]) -> ExportTable {
        let h = pddAfterSaleHeaders
        return ExportTable(
            headers: h,
            rows: cases.map { c in
                row(
                    h,
                    [
                        "售后编号": c.caseNo + "\t", "订单编号": c.orderNo + "\t", "商品名称": c.product, "商品ID": "381234567890\t",
                        "售后类型": c.type, "售后状态": c.status, "申请时间": stamp(c.applied), "退款金额(元)": yuan(c.amountFen),
                        "退款原因": c.reason,
                        "处理人": c.handler, "完结时间": stamp(c.done),
                    ])
            }, totals: nil, encoding: .csvUTF8BOM)
    }

    // MARK: 抖店 (Douyin)

    /// 抖店 订单 export (标准报表, 75 columns): UTF-8 with BOM, IDs written `\t…` against
    /// scientific notation, `-` for empty, the receiver's 收件人/收件人手机号 as ciphertext.
    public static let douyinOrderHeaders = [
        "主订单编号", "子订单编号", "支付方式", "选购商品", "货号", "商品ID", "商家编码", "商品数量", "商品金额", "订单提交时间", "支付完成时间",
        "订单完成时间", "承诺发货时间", "预约发货时间", "买家留言", "旗帜颜色", "商家备注", "APP渠道", "订单状态", "取消原因", "售后状态", "订单类型",
        "发货时间", "车型", "是否是以旧换新", "换新额外补贴", "换新额外补贴发放状态", "订单应付金额", "运费", "优惠总金额", "平台优惠", "商家优惠",
        "达人优惠", "商家改价", "支付优惠", "手续费", "红包抵扣", "降价类优惠", "平台实际承担优惠金额", "商家实际承担优惠金额", "达人实际承担优惠金额",
        "收件人", "收件人手机号", "省", "市", "区", "街道", "详细地址", "是否修改过地址", "快递信息", "序列号", "达人ID", "达人昵称",
        "拼团订单团编号", "商品单价是否含税", "税费", "鲁班落地页ID", "所属门店ID", "流量来源", "仓库ID", "仓库名称", "是否安心购", "广告渠道",
        "流量类型", "流量体裁", "流量渠道", "发货主体", "发货主体明细", "教育优惠", "预计送达时间", "是否平台仓自流转", "是否是渠道商品",
        "预约送达时间", "建议发货时间（起）", "建议发货时间（止）",
    ]

    public static func douyinOrders(_ orders: [ExportOrder]) -> ExportTable {
        let h = douyinOrderHeaders
        return ExportTable(
            headers: h,
            rows: orders.map { o in
                row(
                    h, empty: "-",
                    [
                        "主订单编号": "\t" + o.orderNo, "子订单编号": "\t" + o.orderNo + "1", "支付方式": "抖音支付", "选购商品": o.product,
                        "商品ID": "\t3601234567890123456", "商品数量": "1", "商品金额": yuan(o.amountFen),
                        "订单提交时间": stamp(o.created),
                        "支付完成时间": stamp(o.paid), "订单完成时间": stamp(o.completed), "APP渠道": "抖音", "订单状态": o.status,
                        "订单类型": "普通订单", "订单应付金额": yuan(o.amountFen), "运费": "0.00",
                        "收件人": o.name ?? "#Vt3kQ2#aB9xLmZ0pQ==#",
                        "收件人手机号": o.phone ?? "$1Xq9fP0$kK2nR8sT4vW==$", "省": "四川省", "市": "成都市", "区": "武侯区",
                        "详细地址": "##8fKq2LmN0pR4sT6vX8zA==##", "快递信息": "JT5112345678901-极兔速递", "流量来源": "商品卡",
                    ])
            }, totals: nil, encoding: .csvUTF8BOM)
    }

    /// 抖店 售后 export (50 columns, full-width （元）): no buyer or phone; 订单号 is the main order.
    public static let douyinAfterSaleHeaders = [
        "售后单号", "订单号", "商品单号", "商品名称", "商品ID", "应付金额（元）", "商品运费（元）", "支付优惠（元）", "商品税费（元）", "商品发货状态",
        "售后类型", "退商品金额（元）", "退运费金额（元）", "退支付优惠（元）", "退税费金额（元）", "售后状态", "售后申请时间", "退款方式",
        "是否已上传退款凭证", "售后原因", "售后原因标签", "退货物流单号", "退货异常", "退货发货时间", "退货物流公司", "自动处理截止时间",
        "同意售后申请时间", "商家退款时间", "用户到账时间", "售后关闭时间", "商家退货地址", "商家退货联系人姓名", "商家退货联系人电话", "仲裁状态",
        "纠纷责任方", "是否极速退款", "是否拒签后退款", "发货物流单号", "发货物流状态", "换货物流单号", "退货物流状态", "售后完结时间", "订单备注",
        "用户售后说明", "售后备注", "操作人", "协商记录", "换货商品信息", "商家编码", "门店名称",
    ]

    public static func douyinAfterSales(_ cases: [ExportAfterSale]) -> ExportTable {
        let h = douyinAfterSaleHeaders
        return ExportTable(
            headers: h,
            rows: cases.map { c in
                row(
                    h, empty: "-",
                    [
                        "售后单号": c.caseNo, "订单号": c.orderNo, "商品单号": c.orderNo + "1", "商品名称": c.product,
                        "商品ID": "3601234567890123456",
                        "应付金额（元）": yuan(c.amountFen), "商品发货状态": "已发货", "售后类型": c.type, "退商品金额（元）": yuan(c.amountFen),
                        "售后状态": c.status, "售后申请时间": stamp(c.applied), "退款方式": "原路退回", "售后原因": c.reason,
                        "商家退货联系人姓名": "王店长", "商家退货联系人电话": "13900000000", "售后完结时间": stamp(c.done), "操作人": c.handler,
                    ])
            }, totals: nil, encoding: .xlsx(sheet: "售后单"))
    }

    // MARK: The shop's own courier register

    /// 快递异常登记表: kept by hand in each shop (the usual columns), with a totals row.
    public static let courierRegisterHeaders = [
        "登记日期", "平台", "订单号", "快递单号", "快递公司", "收件人", "联系电话", "异常类型", "异常描述", "登记人", "处理人", "处理结果", "处理时间",
    ]

    public static func courierRegister(_ cases: [ExportCourierCase], platformName: (String) -> String) -> ExportTable {
        let h = courierRegisterHeaders
        return ExportTable(
            headers: h,
            rows: cases.map { c in
                row(
                    h,
                    [
                        "登记日期": c.registered.description, "平台": platformName(c.orderNo), "订单号": c.orderNo,
                        "快递单号": c.trackingNo,
                        "快递公司": c.courier, "收件人": c.name, "联系电话": c.phone, "异常类型": c.problem, "登记人": "客服小周",
                        "处理人": c.handler,
                        "处理结果": c.result, "处理时间": c.handled?.description,
                    ])
            }, totals: row(h, ["登记日期": "合计", "订单号": "\(cases.count) 单"]), encoding: .xlsx(sheet: "异常件"))
    }
}
