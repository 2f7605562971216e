# PoC Relay client, Chinese (simplified): labels, fixed values and messages of the `poc` command.
# Content written by the sender of a message is never translated; only what is here is.
# Every message id exists in all six languages (checked by the client's tests).

## Field labels of messages

label-envelope = 信封
label-from = 发件方
label-to = 收件方
label-priority = 优先级
label-handling = 共享范围（TLP）
label-type = 消息类型
label-sent = 发送时间
label-language = 语言
label-signature = 签名
label-in-reply-to = 回复对象
label-attachments = 附件
label-exercise = 演练
label-verified = 已验证
label-verified-against = 已根据名录验证，序列号
label-reference = 参考编号
label-summary = 摘要
label-description = 描述
label-incident-class = 事件类别
label-time-detected = 发现时间
label-affected-sector = 受影响行业
label-affected-systems = 受影响系统
label-indicators = 失陷指标
label-actions-taken = 已采取的措施
label-assistance-requested = 请求的协助
label-requested-response-time = 要求的答复时限
label-follow-up-contact = 后续联系人
label-nature = 请求性质
label-related-incident = 相关事件
label-details = 详情
label-legal-context = 法律或外交背景
label-status = 状态
label-text = 正文
label-subject = 主题
label-acknowledges = 确认收到
label-received-at = 接收时间
label-entry = 名录条目
label-organisation = 机构
label-email = 电子邮件
label-phone = 电话
label-languages = 工作语言
label-new-key = 新公钥
label-directory-serial = 名录序列号
label-digest = 哈希值

## Priorities

priority-high = 高
priority-medium = 中
priority-low = 低

## Natures of an assistance request

nature-information = 提供信息
nature-mitigation = 缓解处置
nature-investigation = 调查
nature-coordination = 协调
nature-other = 其他

## Statuses of a response

status-received = 已接收
status-channelled = 已转交国家主管部门
status-in-progress = 处理中
status-resolved = 已解决
status-declined = 已拒绝

## Incident classes: top-level classes of the ENISA / RSIT reference taxonomy

incident-class-abusive-content = 有害内容
incident-class-malicious-code = 恶意代码
incident-class-information-gathering = 信息收集
incident-class-intrusion-attempts = 入侵尝试
incident-class-intrusions = 入侵
incident-class-availability = 可用性破坏
incident-class-information-content-security = 信息内容安全
incident-class-fraud = 欺诈
incident-class-vulnerable = 漏洞
incident-class-other = 其他
incident-class-test = 测试

## Message types

type-incident = 事件通报
type-assistance = 协助请求
type-response = 答复
type-text = 消息
type-receipt = 回执
type-entry-update = 名录条目更新请求
type-directory-notice = 名录更新通知

## Field labels of communication checks (pings) and their acknowledgements

label-campaign = 联络测试活动
label-deadline = 截止时间
label-note = 备注
label-automatic = 自动发送

## Message types added with communication checks

type-ping = 联络测试
type-ping-ack = 联络测试确认

## Handling labels: FIRST TLP 2.0 labels are not translated

tlp-clear = TLP:CLEAR
tlp-green = TLP:GREEN
tlp-amber = TLP:AMBER
tlp-amber-strict = TLP:AMBER+STRICT
tlp-red = TLP:RED

## Roles of Points of Contact

role-diplomatic = 外交
role-technical = 技术
role-custodian = 名录保管方

## Yes and no

yes-no-true = 是
yes-no-false = 否

## Directory entry view

entry-id = 编号
entry-organisation = 机构
entry-role = 角色
entry-fingerprint = 指纹
entry-languages = 工作语言
entry-email = 电子邮件
entry-phone = 电话
entry-webpage = 网页
entry-time-zone = 时区
entry-updated = 更新时间

## Units of time and size

unit-seconds = { $count }秒
unit-minutes = { $count }分钟
unit-hours = { $count }小时
unit-days = { $count }天
unit-bytes = { $count } 字节
word-automatic = 自动

## One-line descriptions of messages in lists (the content itself is never translated)

headline-no-summary = （无摘要）
headline-no-details = （无详情）
headline-receipt = { $envelope } 的回执
headline-key-rotation = { $entry } 的密钥轮换请求
headline-entry-update = { $entry } 的条目更新请求
headline-directory-notice = 已发布名录序列号 { $serial }
headline-ping = 联络测试，请于 { $deadline } 前答复
headline-ping-ack = 已确认联络测试

## Inbox: column headers, status of each envelope, fetch results

inbox-column-id = 编号
inbox-column-priority = 优先级
inbox-column-from = 发件方
inbox-column-type = 类型
inbox-column-tlp = TLP
inbox-column-summary = 摘要
inbox-column-status = 状态
inbox-status-verified = 已验证
inbox-status-acknowledged = 已验证，已确认收到
inbox-status-invalid = 无效：{ $reason }
inbox-status-receipt = 已验证的回执：{ $sender } 于 { $time } 收到 { $envelope }
inbox-status-receipt-unknown = 警告：{ $envelope } 的回执，但本联络点并未发送该信封
inbox-status-receipt-wrong-signer = 警告：{ $envelope } 的回执由 { $signer } 签名，但该信封是发给 { $addressee } 的
inbox-fetched = 已获取 { $count } 个新信封
inbox-empty = 收件箱为空
inbox-unopened = 无效：{ $count } 个无法打开或验证的信封，提交者 { $submitter }（{ $reason }）
inbox-watching = 正在等待新信封（按 Ctrl-C 停止）

## Threads

thread-header = 会话 { $root }：{ $count } 条消息
thread-sent-by-this-poc = 由本联络点发送
thread-signature-verified = 签名已验证

## Communication checks (ping campaigns)

ping-column-campaign = 测试活动
ping-column-started = 开始时间
ping-column-deadline = 截止时间
ping-column-pocs = 联络点
ping-started = 测试活动 { $id } 已开始：已向 { $count } 个联络点发出测试，截止时间 { $deadline }
ping-follow = 跟进命令：{ $command }
ping-status = 测试活动 { $id }：{ $count } 个联络点；按时 { $on_time }，逾期 { $late }，未答复 { $no_answer }，无效 { $invalid }；答复率 { $rate }%；截止时间 { $deadline }
ping-deadline-passed = （已过）

## Campaign reports

report-outcome-on-time = 按时
report-outcome-on-time-automatic = 按时（自动）
report-outcome-late = 逾期
report-outcome-late-automatic = 逾期（自动）
report-outcome-no-answer = 未答复
report-outcome-invalid = 无效
report-column-poc = 联络点
report-column-result = 结果
report-column-latency = 响应时间
report-column-problems = 问题
report-column-group = 组别
report-column-pocs = 联络点数
report-column-on-time = 按时
report-column-late = 逾期
report-column-no-answer = 未答复
report-column-invalid = 无效
report-column-response-rate = 答复率
report-group-all = 全部
report-group-role = { $role }类联络点
report-group-state = 国家 { $state }
report-title = 联络测试活动 { $id }
report-campaign = 测试活动 { $id }
report-summary-line = 开始时间 { $started }，截止时间 { $deadline }，名录序列号 { $serial }，{ $count } 个联络点
report-intro = 开始时间 { $started }，截止时间 { $deadline }，名录序列号 { $serial }。每一份确认均已根据经签名的名录进行验证。
report-response-rate = 答复率 { $rate }%（{ $count } 个联络点中的 { $answered } 个）
report-latency-chart = 有效确认的响应时间
report-by-group = 按组别
report-by-poc = 按联络点
report-invalid-warning = !!! { $count } 个联络点的确认无效：请予以核查 !!!
