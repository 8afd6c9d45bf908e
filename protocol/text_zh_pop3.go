package protocol

// zhPOP3 is enPOP3 in Chinese, with the same keys.
var zhPOP3 = map[string]pop3Text{
	"":                 {OK: "问候：POP3 服务器已就绪；你现在处于认证状态（AUTHORIZATION）", Err: "服务器拒绝提供服务"},
	"USER":             {OK: "服务器记下了用户名（这时未必会检查）；接下来要输入密码", Err: "用户名被拒绝，或者禁用了 USER/PASS 登录（可能要先 STLS）"},
	"PASS":             {OK: "登录成功：邮箱已为你锁定，进入事务处理状态（TRANSACTION）", Err: "登录失败：用户名或密码错误，或者邮箱已被锁定"},
	"APOP":             {OK: "用 APOP 登录成功：进入事务处理状态（TRANSACTION）", Err: "APOP 登录失败：用户名或摘要不对、服务器不支持 APOP，或者邮箱已被锁定"},
	"STAT":             {OK: "邮箱概况：邮件数量和总大小（字节）", Err: "STAT 只能在登录后使用"},
	"LIST":             {OK: "下面是邮件列表：每封邮件一行，给出编号和大小（字节）", Err: "LIST 失败（请先登录）"},
	"LIST 1":           {OK: "这封邮件的编号和大小（字节）", Err: "没有这封邮件（或者它已被标记删除）"},
	"UIDL":             {OK: "下面是唯一标识列表：每封邮件一行，给出编号和一个永久不变的 ID", Err: "UIDL 失败（请先登录，或者服务器不支持 UIDL）"},
	"UIDL 1":           {OK: "这封邮件的唯一标识", Err: "没有这封邮件（或者它已被标记删除）"},
	"RETR":             {OK: "下面是整封邮件，以只有一个“.”的行结束", Err: "没有这封邮件（或者它已被标记删除）"},
	"TOP":              {OK: "下面是邮件头、一个空行和正文的前几行", Err: "没有这封邮件，或者服务器不支持 TOP"},
	"DELE":             {OK: "这封邮件已标记为删除；要等你 QUIT 时才真正删掉", Err: "没有这封邮件，或者它已经被标记删除"},
	"RSET":             {OK: "所有删除标记都已撤销", Err: "RSET 失败（请先登录）"},
	"NOOP":             {OK: "什么也没做：服务器还在正常工作", Err: "NOOP 只能在登录后使用"},
	"QUIT":             {OK: "再见：你没有登录，所以什么都没变；服务器关闭连接", Err: "服务器没能正常结束会话"},
	"QUIT UPDATE":      {OK: "进入更新状态（UPDATE）：用 DELE 标记过的邮件现在被永久删除；服务器关闭连接", Err: "更新状态出错：部分标记删除的邮件没能删掉"},
	"QUIT UPDATE none": {OK: "进入更新状态（UPDATE）：这次会话没有用 DELE 标记任何邮件，所以什么也没删；服务器关闭连接", Err: "服务器没能正常结束会话"},
	"CAPA":             {OK: "下面是能力列表，每行一项", Err: "服务器不支持 CAPA"},
	"STLS":             {OK: "现在开始 TLS 协商", Err: "TLS 不可用（已经启用、没有配置，或当前状态下不允许）"},
	"AUTH":             {OK: "登录成功：进入事务处理状态（TRANSACTION）", Err: "认证失败，或者服务器不支持这种机制"},
	"SASL":             {OK: "登录成功：服务器接受了你的 SASL 回应，进入事务处理状态（TRANSACTION）", Err: "登录失败：凭据错误、回应格式不对，或者你用 * 取消了"},
	"AUTH LIST":        {OK: "下面是 SASL 机制列表", Err: "服务器不用这种方式列出机制；试试 CAPA"},

	// 由状态或参数解释的 -ERR（pop3ErrKey）：没有 +OK。
	"after login":      {Err: "你已经登录了：这条命令只能在登录前（认证状态）使用；你的会话仍然保持登录"},
	"before login":     {Err: "你还没有登录：这条命令只能在登录后（事务处理状态）使用"},
	"missing argument": {Err: "缺少参数"},
}

// zhPOP3Codes is enPOP3Codes in Chinese.
var zhPOP3Codes = map[string]string{
	"IN-USE":      "[IN-USE]：邮箱被锁定了，因为另一个会话（另一个客户端）正打开着它；关掉那个会话，或者过一会儿再试",
	"LOGIN-DELAY": "[LOGIN-DELAY]：距离上次登录的时间太短；服务器要求两次登录之间间隔更久",
	"SYS/TEMP":    "[SYS/TEMP]：系统临时故障，不是你的凭据有问题；请稍后再试",
	"SYS/PERM":    "[SYS/PERM]：系统永久性故障，不是你的凭据有问题；重试也没用，请告诉管理员",
	"SYS":         "[SYS]：系统故障，不是你的凭据有问题",
	"AUTH":        "[AUTH]：问题出在凭据上；检查用户名和密码",
}

// zhPOP3Next is enPOP3Next in Chinese, with the same keys.
var zhPOP3Next = map[string]string{
	" apop":                 "USER 用户名，或者 :apop USER PASS",
	" plain":                "USER 用户名（然后 PASS），或者先用 CAPA 看看服务器支持什么",
	"USER":                  "PASS 你的密码",
	"USER -ERR":             "检查用户名；服务器可能要求先 STLS 或 AUTH（CAPA 会列出它的能力）",
	"PASS":                  "用 STAT / LIST 查看你的邮件",
	"PASS -ERR":             "检查用户名和密码，然后从 USER 重新开始",
	"APOP":                  "用 STAT / LIST 查看你的邮件",
	"AUTH":                  "用 STAT / LIST 查看你的邮件",
	"SASL":                  "用 STAT / LIST 查看你的邮件",
	"SASL -ERR":             "检查用户名和密码；这次交互已经结束，请重新用 AUTH 或 USER 开始",
	"STAT":                  "LIST 显示每封邮件的大小；RETR n 读取第 n 封邮件",
	"LIST":                  "RETR n 读取第 n 封邮件；TOP n 0 只看它的邮件头",
	"RETR":                  "DELE n 把它标记为删除；QUIT 结束会话",
	"DELE":                  "QUIT 时才会真正删除（进入更新状态，UPDATE）；RSET 可以撤销标记",
	"STLS":                  "接下来进行 TLS 握手；握手成功后（见下面的 TLS 信息），再发一次 CAPA，然后登录",
	"AUTH LIST":             "AUTH 加机制名开始登录，例如 AUTH PLAIN",
	"CAPA stls":             "发 STLS 加密连接（服务器已公布支持）",
	"CAPA sasl":             "用 AUTH 登录（支持的认证机制：%s）：试试 :plain USER PASS",
	"CAPA user":             "用 USER 用户名和 PASS 你的密码登录",
	"CAPA join":             "；或者",
	"CAPA none":             "用 USER 用户名（然后 PASS）登录",
	"after login -ERR":      "继续在事务处理状态下操作：用 STAT / LIST 查看你的邮件，用 QUIT 结束会话",
	"before login -ERR":     "先登录：USER 用户名，然后 PASS 你的密码（CAPA 会列出其他登录方式）",
	"missing argument -ERR": "把参数补全，再发一次这条命令（:help 会列出各个参数）",
	"* IN-USE":              "关掉正在使用这个邮箱的另一个会话，或者等一会儿再试",
	"* LOGIN-DELAY":         "等一会儿再登录",
	"* SYS/TEMP":            "稍后再试",
}
