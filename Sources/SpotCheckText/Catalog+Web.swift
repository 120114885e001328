import SpotCheckCore

extension Catalog {
    /// The browser workbench (`spotcheck serve`): the frame of every page, signing in and the
    /// refusals. Each role's pages have their own `Catalog+Web<Role>.swift`.
    public enum Web {
        /// Strings of a page's template, by key, in the language asked for.
        public static func strings(_ table: [String: Message], _ lang: Lang) -> [String: String] {
            table.mapValues { $0.text(lang) }
        }

        public static let layout: [String: Message] = [
            "app": Message("SpotCheck 售后质检", "SpotCheck after-sales QA"),
            "signOut": Message("退出登录", "Sign out"),
            "skip": Message("跳到正文", "Skip to content"),
        ]

        public static let signIn: [String: Message] = [
            "title": Message("登录", "Sign in"),
            "name": Message("用户名", "User name"),
            "password": Message("密码", "Password"),
            "submit": Message("登录", "Sign in"),
            "hint": Message(
                "账号由组长在服务器上用 spotcheck user add 创建", "Accounts are made on the server with spotcheck user add"),
        ]

        /// The pages of each role, in the navigation bar: (path, name).
        public static func navigation(role: String) -> [(path: String, name: Message)] {
            switch role {
            case "lead":
                return [
                    ("/lead", Message("本月", "This month")), ("/lead/upload", Message("上传表格", "Upload")),
                    ("/lead/assign", Message("分配", "Assign")), ("/lead/progress", Message("进度", "Progress")),
                    ("/log", Message("操作日志", "Audit log")),
                ]
            case "caller": return [("/caller", Message("我的回访", "My calls"))]
            case "auditor": return [("/auditor", Message("质检队列", "Audit queue"))]
            case "manager":
                return [("/manager", Message("概览", "Overview")), ("/log", Message("操作日志", "Audit log"))]
            default: return []
            }
        }

        public static let logPage: [String: Message] = [
            "title": Message("操作日志", "Audit log"), "at": Message("时间", "When"), "actor": Message("操作人", "Who"),
            "via": Message("途径", "Via"), "action": Message("操作", "Action"), "month": Message("月份", "Month"),
            "detail": Message("内容", "What"), "empty": Message("日志为空", "The log is empty"),
        ]

        public static let forbidden = Message("你的角色不能打开这个页面", "Your role cannot open this page")
        public static let forbiddenCSRF = Message(
            "表单已过期或来源不明（缺少安全令牌），没有保存任何内容：请刷新页面后重试",
            "The form has expired or came from elsewhere (no security token); nothing was saved: reload the page and try again"
        )
        public static let notFound = Message("没有这个页面", "No such page")
        public static let refusedTitle = Message("无法完成", "Not done")
        public static let backHome = Message("回到首页", "Back to the start page")
        public static let plainHTTPWarning = Message(
            "警告：服务正对本机以外开放，但没有启用 TLS（--tls-cert/--tls-key），密码和会话将以明文传输",
            "warning: serving beyond this machine without TLS (--tls-cert/--tls-key): passwords and sessions travel in clear text"
        )
        public static func listening(_ url: String) -> Message {
            Message("SpotCheck 工作台已启动：\(url)（Ctrl+C 停止）", "SpotCheck workbench at \(url) (Ctrl+C stops it)")
        }
        public static let noUsers = Message(
            "提示：还没有用户，先运行 spotcheck user add 姓名 --role lead 创建组长账号",
            "note: no users yet; create the lead's account first: spotcheck user add NAME --role lead")
        public static func badTLS(_ reason: String) -> Message {
            Message("无法读取 TLS 证书或私钥：\(reason)", "cannot read the TLS certificate or key: \(reason)")
        }
        public static let tlsPair = Message(
            "--tls-cert 与 --tls-key 要一起给出", "--tls-cert and --tls-key go together")
    }
}
