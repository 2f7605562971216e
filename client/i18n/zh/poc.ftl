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
inbox-status-ping-not-custodian = 警告：自称联络测试（ping），但并非来自名录保管方
inbox-fetched = 已获取 { $count } 个新信封
inbox-empty = 收件箱为空
inbox-unopened = 无效：{ $count } 个无法打开或验证的信封，据中继称提交者为 { $submitter }（{ $reason }）
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

## Words shared by the command screens

screen-none = （无）
screen-exercise = 演练
screen-sending-pings = 正在发送测试
screen-sending-reminders = 正在发送提醒
screen-unlock-hint = （使用任一命令解锁即可查看密钥指纹）
screen-confirm-fingerprint = 此指纹是否与联络点向您宣读的一致？
screen-no-update-requests = 没有更新请求
screen-request-pending = 待处理
screen-expect-ack = 确认收到
screen-expect-reply = 答复

## Column headers of the command screens (upper case where the script has case)

column-id = 标识
column-organisation = 机构
column-languages = 语言
column-fingerprint = 指纹
column-source = 来源
column-consent = 同意
column-last-confirmed = 最近确认
column-exercise = 演练
column-name = 名称
column-started = 开始
column-injects-sent = 已发送注入
column-inject = 注入
column-poc = 联络点
column-expected = 预期
column-acknowledged = 已确认
column-replied = 已答复
column-verdict = 结论
column-campaigns = 测试活动
column-on-time = 按时
column-late = 逾期
column-invalid = 无效
column-no-answer = 未答复
column-response-rate = 答复率
column-month = 月份

## Fields an update request changes

changed-field-entry = 条目
changed-field-org-name = 机构
changed-field-emails = 电子邮件
changed-field-phones = 电话
changed-field-languages = 语言
changed-field-webpage = 网页
changed-field-time-zone = 时区
changed-field-key = 密钥

## Verdicts of exercise expectations

exercise-verdict-met = 已达成
exercise-verdict-late = 逾期
exercise-verdict-missing = 缺失
exercise-verdict-pending = 待定
exercise-verdict-wrong-status = 状态不符

## Lines on stderr

line-warning = 警告：{ $text }
line-mailbox-full = 您在中继上的邮箱已满：{ $count } 个发给您的信封被拒收（已通知发件方）；请更频繁地收取，或请中继运营方提高配额
line-refresh-failed = 警告：无法从中继更新名录：{ $error }
line-directory-expired = 警告：名录（序列号 { $serial }）已于 { $time } 过期；联络信息可能已过时。请名录保管方发布新的名录。
line-key-switched = 已切换到新密钥 { $fingerprint }（由名录保管方发布）；旧密钥已停用
line-arrival-failed = 警告：无法显示新到信封：{ $error }
line-reconnecting = 与中继的连接已断开（{ $error }）；{ $seconds } 秒后重新连接
line-not-pinged = 警告：以下联络点未发送测试，其中继邮箱已满：{ $pocs }
line-language-not-un = 注意：{ $tag } 不是联合国六种正式语文之一；读者仍以各自语言查看标签
line-exercise-start = 演练“{ $name }”：{ $count } 个注入，时间压缩 { $speed } 倍
line-inject-sent = { $time } 注入 { $inject } 已发送给 { $to }（{ $envelope }），预期在 { $deadline } 前答复
line-request-from = 来自 { $id }（{ $org }）的请求
line-fingerprint = 指纹：{ $fingerprint }
line-pending-invitation = 正在发出从 { $source } 导入的待处理邀请（同意书 { $consent }）

## Results of the PoC's commands

result-ack-sent = 已签名的收悉确认 { $id }（针对 { $envelope }）已发送给 { $to }
result-template-written = 模板已写入 { $path }；填写后执行：{ $command }
result-export-failed = 无法将证据写为 JSON：{ $error }
result-forwarded = { $id } 已作为 age 文件写入 { $file }，接收方 { $recipient }
result-forward-open = 该主管机关用以下命令打开：{ $command }
result-initialised = 已在 { $home } 中创建身份 { $id }
result-initialised-next = 下一步：将请求文件发送给名录保管方，并通过电话向其宣读指纹；名录发布后，执行 `poc directory sync`。
result-enrolment-request = 注册请求：{ $file }
result-saved = 已保存：{ $path }
result-replied = 答复 { $id }（{ $status }）已发送给 { $to }
result-sent = { $id } 已发送给 { $to }（优先级 { $priority }）：已由中继存储
result-update-sent = 更新请求 { $id } 已发送给 { $to }；经名录保管方批准并发布后生效
result-rotation-sent = 已创建新密钥 { $fingerprint }（口令不变）；密钥轮换请求 { $id } 已发送给 { $to }
result-rotation-next = 请向名录保管方宣读新指纹；经其批准并发布后完成切换
result-whoami-id = 标识：{ $id }
result-whoami-home = 目录：{ $home }
result-whoami-custodian = 名录保管方：{ $fingerprint }
result-whoami-relay = 中继：{ $relay }
result-directory-listed = { $count } 个联络点，名录序列号 { $serial }
result-directory-accepted = 已接受名录序列号 { $serial }（已用固定的名录保管方密钥验证）
result-directory-updated = 名录已更新：序列号 { $from } -> { $serial }（已用固定的名录保管方密钥验证）
result-directory-current = 名录已是最新（序列号 { $serial }）
result-directory-verified = 名录序列号 { $serial } 已验证：由固定的名录保管方密钥签名，{ $count } 个条目的自签名有效
result-directory-dates = 签发于 { $issued }，到期于 { $expires }
result-directory-digest = 摘要 { $digest }

## Results of the custodian's commands

custodian-added = 已接受 { $id }；将列入下一版名录（`poc custodian publish`）
custodian-already-added = { $id } 已被接受（未更改）
custodian-approved = 已批准来自 { $from } 的 { $id }；执行 `poc custodian publish` 使其生效
custodian-rejected = 已拒绝来自 { $from } 的 { $id }
custodian-imported = 已将 { $count } 个联系人导入为待处理邀请：{ $ids }
custodian-already-present = 已存在：{ $ids }
custodian-skipped = 已跳过（{ $source } 无同意记录）：{ $states }
custodian-created = 已在 { $home } 中创建名录保管方身份 { $id }
custodian-key = 名录保管方密钥：{ $key }
custodian-fingerprint = 指纹：{ $fingerprint }
custodian-key-written = 已写入 { $file }
custodian-next = 下一步：{ $command }
custodian-then = 然后：{ $command }
custodian-invitation-written = { $id } 的邀请已写入 { $file }
custodian-published = 名录序列号 { $serial } 已发布，含 { $count } 个条目；中继现仅接纳这些密钥；已通知 { $notified } 个成员
custodian-relay-set = 中继已设为 { $address }（TLS 指纹 { $pin }）
custodian-request-approved = 已于 { $time } 批准
custodian-request-rejected = 已于 { $time } 拒绝
custodian-request-line = { $id }  来自 { $from }  { $state }
custodian-review-period = 回顾期：最近 { $period }
custodian-review-stale = 该期间内未确认的条目：{ $count }
custodian-review-stale-entry = { $id }  { $org }  最近确认于 { $time }
custodian-review-campaigns = 该期间内的测试活动：{ $count }
custodian-review-relay = 中继：{ $members } 个成员，名录序列号 { $serial }，{ $waiting } 个信封待收取
custodian-revoked = { $id } 的密钥 { $fingerprint } 已撤销；下一次 `poc custodian publish` 后在中继失效
custodian-rotated = 名录保管方密钥已轮换为 { $key }（{ $fingerprint }）；名录序列号 { $serial } 已用其签名并发布；各联络点将按签名的交接记录更新
custodian-relay = 中继：{ $relay }
custodian-relay-pinned = { $address }（TLS 指纹 { $pin }）
custodian-directory-published = 已发布：序列号 { $serial }
custodian-directory-unpublished = 已发布：从未
custodian-stale = { $count } 个条目在 { $period } 内未确认

## Exercises

exercise-finished = 演练 { $id } 已发送完毕；事后报告：{ $command }
exercise-expect-reply-status = 答复 { $status }
exercise-replied-at = { $status }，于 { $time }
exercise-report-header = 演练 { $id }“{ $name }”，开始于 { $started }（时间 x{ $speed }）
exercise-expectations-met = 已达成 { $met }/{ $count } 项预期

## Ping campaigns: the commands' other lines

ping-reminded = 已提醒 { $count } 个联络点：{ $pocs }
ping-report-written = 报告已写入 { $path }
ping-bundle-written = 证明包已写入 { $path }（验证命令：{ $command }）
ping-bundle-verified = 证明包已验证：{ $count } 个确认，签名均有效
ping-answer-failed = 验证失败：{ $failure }

## The outbox: `poc sent`, and what an interrupted or failed send says

sent-column-to = 收件人
sent-column-time = 发送时间
sent-state-prepared = 已准备（未发送）
sent-state-submitted = 已提交（可能已发送）
sent-state-stored = 中继已存储
sent-expired = 已过期，无法再发送
sent-none = 尚未发送任何内容。
sent-unfinished = 中继尚未存储：{ $count } 个。完成发送：{ $command }
sent-nothing-to-resend = 没有需要重新发送的内容：所请求的每个信封均已由中继存储，或其有效期已过（见 `poc sent`）。
sent-resent = { $id } 发往 { $to }：{ $state }
outbox-interrupted = 已中断。
outbox-nothing-sent = 已中断：未发送任何内容。
outbox-stored = 中继已存储：{ $id } 发往 { $to }
outbox-submitted = 可能已发送（已提交，中继未答复）：{ $id } 发往 { $to }
outbox-prepared = 未发送：{ $id } 发往 { $to }
outbox-finish = 每个信封都保存在发件箱中（`poc sent`）。完成发送且不会让任何人收到第二份：{ $command }

## Large attachments (files carried in parts)

type-attachment-part = 附件分段
label-part = 分段
attachment-part-headline = 消息 { $message } 中文件的第 { $part } 段
attachment-complete = 完整，SHA-256 已核验
attachment-incomplete = 已收到 { $received }/{ $total } 段
attachment-invalid = 无效：{ $reason }
attachment-not-saved = 未保存 { $name }：{ $state }；请运行 `poc inbox` 接收缺少的分段，然后再次保存
attachment-sending-parts = 正在发送附件分段
attachment-checking-parts = 正在核验附件分段

## The custodian's HTML campaign report.
report-html-untitled = { $started } 的联络测试活动
report-html-campaign-id = 测试活动 { $id }
report-html-times = 所有时间均为 UTC。
report-html-follow-up = 待跟进
report-html-follow-up-intro = { $count } 个联络点未给出有效答复：请致电或写信联系。
report-html-follow-up-none = 所有联络点均已给出有效答复。
report-html-organisation = 机构
report-html-email = 电子邮件
report-html-phone = 电话
report-html-bundle = 证明包：{ $file }（SHA-256 { $sha256 }）
report-html-no-bundle = 本报告未写入证明包（{ $command } 可写入）。
report-html-custodian = 名录保管方密钥指纹：{ $fingerprint }
report-html-chart-item = { $label }：{ $count } 个联络点

## Terminal: passphrase questions, the custodian fingerprint at enrolment, guided send

passphrase-prompt = { $id } 的口令（目录 { $home }）：
passphrase-prompt-new = { $id } 的新口令（目录 { $home }）：
passphrase-prompt-repeat = 请再次输入新口令：
passphrase-wrong = 口令错误；还可尝试 { $left } 次。
passphrase-differ = 两次输入的口令不一致；请重新设置。
passphrase-empty = 口令为空；请输入口令。
passphrase-too-short = 太短：至少使用 { $min } 个字符。
passphrase-weak = 此口令太容易被猜中：{ $reason }（强度 { $score }/4，要求 { $needed }）。请使用几个不常见的词，或更长的句子。
passphrase-reason-keyboard = 键盘按键序列
passphrase-reason-repeats = 重复的字符或词
passphrase-reason-common = 常见密码
passphrase-reason-sequence = 连续序列
passphrase-reason-dates = 日期或年份
passphrase-reason-word = 单个词
passphrase-reason-names = 人名
passphrase-reason-guessable = 可能的组合太少
init-custodian-fingerprint = { $id } 的邀请。保管方密钥指纹：{ $fingerprint }
init-compare = 请保管方通过电话向您宣读其指纹，并逐组核对。
init-confirm = 此指纹与保管方向您宣读的一致吗？
guided-to = 收件人（联络点标识、国家代码或名称的一部分）：
guided-to-chosen = 收件人：{ $poc }
guided-to-none = 名录中没有与“{ $answer }”匹配的联络点。
guided-to-close = 名录中没有与“{ $answer }”匹配的联络点：您是指 { $close } 吗？
guided-to-pick = 选择哪一个（1 至 { $count }，或其标识）？
guided-type = 类型（{ $choices }）：
guided-priority = 优先级（{ $choices }）：
guided-tlp = TLP 标签（{ $choices }）[{ $default }]：
guided-field = { $label }（{ $field }；按 Enter 留空）：
guided-field-choice = { $label }（{ $field }：{ $choices }；按 Enter 留空）：
guided-confirm = 发送此消息吗？

# Recipients, confirmations and message language (send, forward, compose)
prompt-yes-no = [y=是/N=否]
prompt-yes-words = 是, 好
confirm-send-tlp = 此消息为 TLP:{ $tlp }，将发送给 { $count } 人：{ $recipients }。是否发送？
confirm-send-tlp-states = 此消息为 TLP:{ $tlp }，将发送给 { $states } 的 { $count } 人：{ $recipients }。是否发送？
confirm-send-states = 此消息将发送给 { $states } 的 { $count } 人：{ $recipients }。是否发送？
line-forward-warning = 警告：此通知为 TLP:{ $tlp }；转发会将其证据带出名录，发往 { $recipient }
confirm-forward = 是否转发？
line-not-sent = 未发送任何内容。
line-tlp-white = 注意：自 TLP 2.0 起 TLP:WHITE 称为 TLP:CLEAR；消息标记为 CLEAR
language-unspecified = 未指定

# Inbox for people: received time, unread marker, reading and answering a ping.
inbox-column-received = 接收时间
inbox-unread = 未读
read-ping-answer = 回复此联络测试：poc ack { $id }（截止 { $deadline }）。
read-ping-late = 此联络测试已逾期：截止时间（{ $deadline }）已过。仍请用 poc ack { $id } 回复；名录保管方会将该回复计为逾期。
read-ping-answered = 您已于 { $time } 回复此联络测试。
ack-ping-already = 您已于 { $time } 回复此联络测试：以第一次回复为准，未再次发送任何内容。

## 中继不可达与名录过期：stderr 上的行

line-connecting-relay = 正在连接中继 { $address }…
line-relays-not-reached = 本次未能连接：{ $relays }；它们缺少的副本将由下一个能连接到它们的命令发送
line-watch-connected = 已连接到中继 { $address }
line-relay-lost = 已有 { $seconds } 秒无法连接中继 { $address }
line-relay-back = 中继 { $address } 已恢复连接
line-on-lost-failed = 警告：--on-lost 命令执行失败：{ $error }
line-directory-offered-expired = 警告：保管方的名录（序列号 { $offered }）送达时已过期（{ $time }）；现行名录（序列号 { $serial }）仍然有效，继续使用。请名录保管方发布新的名录。

# 以读者语言显示的国家名称（名录条目）
directory-entry-state = 国家
directory-column-state = 国家

# Attachment parts in the outbox.
outbox-parts = { $id } 发往 { $to } 的附件分段：中继已存储 { $stored }/{ $total } 个，可能已发送 { $submitted } 个，未发送 { $prepared } 个
sent-parts = 已存储 { $stored }/{ $total } 个分段

# Paged fetch, orphan parts and local deletion.
inbox-fetch-progress = 正在获取：已保存并从中继删除 { $envelopes } 个信封（{ $size }），共 { $pages } 页
inbox-orphan-parts = 来自 { $sender } 的 { $count } 个附件部分（{ $size }）未被任何消息提及；`poc delete --orphans --from { $sender }` 可删除它们
confirm-delete = 从本机删除 { $messages } 条消息和 { $parts } 个附件部分（{ $size }）？中继上已没有它们：删除后将无法恢复。
line-deleted = 已从本机删除：{ $messages } 条消息和 { $parts } 个附件部分（{ $size }）。
line-nothing-to-delete = 没有可删除的内容。
line-fetch-interrupted = 已中断。已有 { $envelopes } 个信封（{ $size }）保存在此处并已从中继删除；未保存的内容仍在中继上：再次运行 `poc inbox` 即可获取。

# 通过发件箱发送的 ping 活动和目录通知。
outbox-campaign = 活动 { $campaign }：中继已存储 { $stored } 个 ping，{ $submitted } 个可能已发送（已提交，中继未答复），{ $prepared } 个未发送

# Teams: members of a PoC.
custodian-member-invitation-written = { $id } 的成员“{ $label }”的邀请已写入 { $file }
custodian-member-added = 成员“{ $label }”已加入 { $id }（成员：{ $members }）；下一次 `poc custodian publish` 之后即可代表 { $id } 行事
custodian-member-already-added = { $id } 的成员“{ $label }”此前已加入；没有任何改变
member-request-from = { $id } 的新成员“{ $label }”的申请
member-request-cosigned = 已由同一联络点的成员“{ $by }”联署：无需电话核对
custodian-member-revoked = { $id } 的成员“{ $label }”的密钥 { $fingerprint } 已撤销；{ $id } 由 { $members } 继续工作；下一次 `poc custodian publish` 时在中继站生效
result-initialised-member = 已在 { $home } 中创建 { $id } 的成员“{ $label }”的密钥
result-member-request = 成员申请：{ $path }
result-initialised-member-next = 下一步：把申请文件交给 { $id } 的一名现任成员，并向其出示此指纹；对方联署（`poc team cosign 文件`）后发送给保管方。保管方发布后，运行 `poc directory sync`。
team-cosigned = 已联署“{ $label }”加入 { $id } 的申请：{ $file }；请将此文件发送给保管方（`poc custodian add 文件`）
team-cosigned-first = 此密钥以成员“{ $label }”的身份加入申请：自下一次发布起，您的联络点成为一个团队。
team-cosign-confirm = 此指纹是否与新成员屏幕上显示的一致？
team-heading = { $id }：{ $count } 名成员（名录编号 { $serial }）
team-member = { $name }，指纹 { $fingerprint }
team-member-cosigned = 由 { $by } 联署
team-member-you = 本设备

# Team members: own key rotation, removal requests, members shown.
label-member = 团队成员
label-reason = 理由
changed-field-member = 成员
member-key-request = { $id } 的成员“{ $label }”的新密钥
member-removal-request = 移除 { $id } 的成员“{ $label }”
team-removal-sent = 已请求保管方（{ $to }）移除 { $id } 的成员“{ $label }”（请求 { $envelope }）；保管方批准并发布后生效
members-of = { $id } 的成员：

## Team history: the team's own outgoing messages and acknowledgements
inbox-team-sent = 由 { $sender } 发送给 { $to }
inbox-acked-by = 已由 { $member } 确认
send-team-copy-not-stored = { $id }：未能为 { $labels } 保存团队副本（其在中继的邮箱已满）；收件人已收到消息。

## poc ui: the browser interface
ui-title = PoC Relay 联络点名录
ui-nav-inbox = 收件箱
ui-nav-compose = 撰写
ui-nav-directory = 名录
ui-nav-custodian = 保管方
ui-nav-campaigns = 联络核查
ui-nav-team = 团队
ui-nav-profile = 我的联系信息
ui-lock = 锁定
ui-language = 语言
ui-skip-to-content = 跳至内容
ui-unlock-help = 您的密钥保存在本机。口令仅为此窗口解锁密钥；在下方设定的空闲时间后或关闭 PoC Relay 时，密钥将再次锁定。
ui-passphrase = 口令
ui-idle-minutes = 空闲多少分钟后锁定
ui-idle-help = 1 至 480 分钟。
ui-unlock = 解锁
ui-wrong-passphrase = 口令错误：请重新输入（区分大小写）。
ui-locked = 已锁定。请重新解锁以继续。
ui-inbox-empty = 没有消息。
ui-inbox-new = 新
ui-inbox-refresh = 立即接收
ui-inbox-live = 新消息会直接显示在此处，无需刷新页面。
ui-notify-enable = 高优先级时提醒我
ui-notify-high = 收到高优先级消息
ui-unread = 未读
ui-received = 接收时间
ui-invalid = 无效
ui-invalid-help = 此消息不可信：其签名或发件人未通过验证。请勿据此采取行动，并告知保管方。
ui-signature-verified = 签名已对照名录验证
ui-signature-invalid = 签名未通过验证
ui-acknowledge = 确认收到
ui-acknowledged = 已确认收到
ui-ack-sent = 已发送签名的收悉确认。
ui-reply = 答复
ui-thread-title = 会话
ui-print = 打印记录
ui-download = 下载
ui-back = 返回
ui-error-title = 出现错误
ui-forbidden-title = 拒绝访问
ui-forbidden-help = 请在此浏览器中打开 `poc ui` 在终端中显示的地址。
ui-launch-used = 此地址已使用过一次。请停止 `poc ui` 并重新启动以获取新地址。如果不是您本人打开的，可能是本机上的其他人打开的：请告知您的信息安全负责人。
ui-not-found = 未找到：此页面或消息不存在。
ui-ping-answer-by = 这是保管方的联络核查：请在此时间前确认收到：
ui-ping-late = 此联络核查已超过期限。仍请确认收到；保管方会将答复记为逾期
ui-listening = PoC Relay 已在浏览器中通过以下地址打开（仅本机可访问；该地址只能使用一次）：
ui-stop-hint = 在此按 Ctrl-C 停止；停止时密钥将被锁定。
ui-print-title = 消息记录
ui-printed-at = 记录生成时间
ui-signed-by = 签名人
ui-signer-key = 签名密钥指纹
ui-verified-against = 签名已对照名录验证，序号
ui-receipt-sent = 签名的收悉确认发送时间
ui-no-receipt = 尚未发送收悉确认。
ui-print-button = 打印或另存为 PDF
ui-thread-sent = 由本联络点发送
ui-thread-received = 已接收，签名已验证
ui-directory-title = 联络点名录
ui-directory-serial = 现行名录，序号
ui-country = 国家
ui-role = 角色
ui-organisation = 机构
ui-languages = 工作语言
ui-time-zone = 时区
ui-contact = 联系方式
ui-members = 成员
ui-profile-help = 更改将以签名请求的形式发送给保管方；保管方批准并发布后，更改才会出现在名录中。
ui-emails = 电子邮件地址
ui-phones = 电话号码
ui-webpage = 网页
ui-list-help = 每行一个。
ui-send-update = 向保管方发送请求
ui-update-sent = 请求已发送给保管方。
ui-rotate-title = 更换我的密钥
ui-rotate-help = 在本机生成新的密钥对，并请保管方改用新密钥。保管方询问时，请通过电话向其宣读新指纹。在保管方发布更改之前，旧密钥仍然有效。
ui-rotate-confirm = 我要更换本机的密钥。
ui-rotate-button = 生成新密钥并向保管方申请
ui-rotate-sent = 新密钥已生成，请求已发送。需向保管方宣读的指纹：
ui-team-title = 本联络点成员
ui-team-you = 本机
ui-fingerprint = 指纹
ui-added-at = 添加时间
ui-cosigned-by = 联署人
ui-one-key = 本联络点仅由一个密钥持有。


## poc ui: writing a message and replying
ui-compose-title = 撰写消息
ui-compose-kind = 消息类型
ui-compose-recipients = 收件人列表
ui-compose-recipients-help = 勾选一个或多个联络点，或某一国家的全部联络点。
ui-compose-every-poc = 全部联络点
ui-compose-priority = 优先级
ui-compose-priority-high-help = 需要立即处理，不分昼夜
ui-compose-priority-medium-help = 在工作日内处理
ui-compose-priority-low-help = 供参考，不紧急
ui-compose-tlp = 处理标记（TLP）
ui-compose-tlp-clear-help = 不限制分享
ui-compose-tlp-green-help = 可在共同体内分享，不得公开
ui-compose-tlp-amber-help = 仅限收件机构及其客户内部，按需知悉
ui-compose-tlp-amber-strict-help = 仅限收件机构内部
ui-compose-tlp-red-help = 仅限指名收件人，不得再分享
ui-compose-language = 消息语言
ui-compose-language-unspecified = 未指定
ui-compose-exercise = 属于演练
ui-compose-attachments = 附件
ui-compose-attachments-help = 文件在消息内加密传送。总大小上限：
ui-compose-fields = 内容
ui-compose-fields-help = 填写您所知道的内容；除文本消息的正文外，各字段均为可选。
ui-compose-choose = 请选择
ui-compose-send = 发送
ui-compose-confirm-title = 发送前请确认
ui-compose-confirm-tick = 我已核对收件人和处理标记：发送。
ui-compose-not-sent-yet = 尚未发送任何内容。
ui-compose-sent-title = 已发送
ui-compose-sent-help = 中继为每位收件人保存一个信封：
ui-compose-envelope = 信封
ui-compose-recipient = 收件人
ui-compose-team-copy-missing = 未保存到您联络点以下成员的共享记录中（其邮箱已满）：
ui-compose-write-another = 撰写另一条消息
ui-compose-no-directory = 本计算机上还没有名录：请先打开一次收件箱以获取名录，然后再回来。
ui-compose-help-reference = 您对此事项的内部编号
ui-compose-help-summary = 一句话：发生了什么
ui-compose-help-description = 迄今所知情况，用您自己的话描述
ui-compose-help-incident-class = 参考分类法中的类别
ui-compose-help-time-detected = 发现时间，注明时区
ui-compose-help-affected-sector = 能源、卫生、金融、政府……
ui-compose-help-affected-systems = 哪些系统或服务受到影响
ui-compose-help-indicators = 地址、域名、哈希值：每行一个
ui-compose-help-actions-taken = 您已采取的措施
ui-compose-help-assistance-requested = 您请求收件人做什么
ui-compose-help-requested-response-time = 您需要在何时之前得到答复
ui-compose-help-follow-up-contact = 就此事应联系谁
ui-compose-help-nature = 您请求的协助类型
ui-compose-help-related-incident = 相关事件的编号
ui-compose-help-details = 用您自己的话说明请求
ui-compose-help-legal-context = 法律依据或框架（如有）
ui-compose-help-subject = 一行
ui-compose-help-text = 希望对方读到的消息原文
ui-compose-reply-title = 以状态答复
ui-compose-reply-to = 答复对象
ui-compose-reply-status-help = 此事在您这一方的进展
ui-compose-reply-tlp-original = 与原消息相同
ui-compose-reply-sent = 答复已发送：


## The custodian's pages of the browser interface
ui-custodian-title = 目录管理员
ui-custodian-enrol-title = 注册请求
ui-custodian-enrol-help = 打开联络点发来的 enrolment-request.txt 文件，或粘贴其文本。
ui-custodian-enrol-file = 请求文件
ui-custodian-enrol-paste = 或粘贴请求
ui-custodian-enrol-show = 显示请求
ui-custodian-enrol-empty = 请先选择请求文件或粘贴其文本。
ui-custodian-fingerprint-help = 请通过电话向联络点读出此指纹；对方用 poc whoami 读出自己的指纹。仅当每一组都一致时才批准。
ui-custodian-confirm-fingerprint = 我已通过电话与联络点确认此指纹
ui-custodian-approve = 批准
ui-custodian-reject = 拒绝
ui-custodian-added = 已添加。发布目录即可将其纳入。
ui-custodian-already-added = 此请求已添加过。
ui-custodian-not-confirmed = 未添加任何内容：通过电话与联络点确认指纹后，请勾选此框。
ui-custodian-updates-title = 更新请求
ui-custodian-no-updates = 没有待处理的更新请求。
ui-custodian-rotation = 此请求更改签名密钥：批准前请通过电话与联络点确认新指纹。
ui-custodian-reason = 理由
ui-custodian-approved = 已批准。发布目录即可生效。
ui-custodian-rejected = 已拒绝。
ui-custodian-publish-title = 发布目录
ui-custodian-publish-help = 将所有已接受的条目签入新目录（有效期 90 天），并通知每个联络点。
ui-custodian-publish = 发布
ui-custodian-published = 目录已发布
ui-custodian-serial = 序号
ui-custodian-entries = 条目
ui-custodian-notified = 已通知的联络点
ui-custodian-revoke-title = 撤销联络点
ui-custodian-revoke-help = 其密钥将从下一版目录中移除并列为已撤销；理由随之公布。
ui-custodian-revoke = 撤销…
ui-custodian-revoke-ask = 撤销此联络点的密钥？此操作不可撤回：它需要凭新邀请生成新密钥。
ui-custodian-revoke-confirm = 是，撤销其密钥
ui-custodian-revoked = 已撤销。发布目录即可生效。
ui-custodian-campaigns-title = 联络测试活动
ui-custodian-no-campaigns = 尚无活动。
ui-custodian-start-title = 发起活动
ui-custodian-target-all = 目录中的所有联络点
ui-custodian-target-to = 联络点标识或国家代码（以逗号分隔）
ui-custodian-target-role = 仅此角色
ui-custodian-any-role = 任何角色
ui-custodian-deadline = 答复期限（例如 72h、3d）
ui-custodian-note = 向联络点显示的备注
ui-custodian-exercise = 属于演练
ui-custodian-start = 开始此活动
ui-custodian-live = 此状态每 5 秒自动刷新。
ui-custodian-remind = 提醒尚未答复者
ui-custodian-reminded = 已提醒：
ui-custodian-nobody-to-remind = 所有人都已答复：无需提醒。
ui-custodian-not-pinged = 未送达（中继邮箱已满）：
ui-custodian-report = 报告
ui-custodian-bundle = 下载证明包
ui-custodian-bundle-help = 任何人都可以使用 poc ping verify 和管理员公钥离线重新验证。
ui-custodian-answered-by = 答复者
ui-custodian-chart-outcomes = 答复
ui-custodian-by-role = 按角色
ui-custodian-by-state = 按国家
ui-custodian-exercise-mark = 演练
ui-custodian-status = 状态

## Browser interface: member requests in the custodian's enrolment box, and the message types of the compose form
ui-members-box-help = 此框也接受成员请求（member-request.txt）：为名录中已有的联络点添加新的人员或设备。
ui-members-title = 成员请求
ui-members-label = 成员标签
ui-members-poc = 联络点
ui-members-cosigned-help = 该联络点的一名现任成员已联署此请求，为新密钥作保：无需电话确认。
ui-members-not-cosigned-help = 该联络点无人联署此请求：请拨打您已知的号码联系该联络点，核对此指纹后再添加。
ui-members-after = 添加后的成员
ui-members-add = 添加此成员
ui-members-added = 成员已添加。发布目录后，该成员即可代表联络点行事。
ui-members-already-added = 此成员此前已添加：没有任何变化。
ui-members-not-confirmed = 未添加任何内容：该联络点无人联署此请求，请在通过电话确认指纹后勾选此框。
ui-members-not-a-request = 这既不是注册请求，也不是成员请求：请选择联络点发来的文件，或粘贴其从 BEGIN 行到 END 行的全部文本。
ui-compose-kind-incident-help = 向其他联络点通报事件：发生了什么、事件类别、指标以及您采取的措施
ui-compose-kind-assistance-help = 向另一国家请求协助：您需要什么、何时需要，以及依据何种法律框架
ui-compose-kind-response-help = 告知发件人其通报或请求的进展（已收到、处理中、已解决……）；如要在会话中答复某条消息，请在该消息上使用“答复”
ui-compose-kind-text-help = 任何其他消息，含主题和正文
ui-compose-help-status = 此事在您这一方的进展（状态答复必填）

## poc ui: the custodian's exercises
ui-exercise-nav = 演练
ui-exercise-title = 从本工作站运行的演练
ui-exercise-no-exercises = 尚未从本工作站运行任何演练。
ui-exercise-run-title = 运行演练
ui-exercise-run-help = 选择场景文件或粘贴其文本。发送任何内容之前，您会先看到每条注入消息。
ui-exercise-file = 场景文件（TOML）
ui-exercise-paste = 或粘贴场景
ui-exercise-speed = 速度
ui-exercise-speed-help = 1 表示按实际时间进行；60 表示每秒进行一分钟。
ui-exercise-preview = 显示注入消息
ui-exercise-preview-help = 尚未发送任何内容。请核对谁在何时收到什么，然后运行演练。
ui-exercise-run = 立即运行演练
ui-exercise-recipients = 收件人
ui-exercise-type = 消息
ui-exercise-at = 发送时间（开始后）
ui-exercise-deadline = 答复时限
ui-exercise-live = 此页面会自动更新，您可以离开后再回来。仅在本工作站解锁时才会发送注入消息。
ui-exercise-running = 进行中
ui-exercise-waiting-unlock = 等待中：身份已锁定。请解锁以发送下一条注入消息。
ui-exercise-finished = 所有注入消息均已发送。
ui-exercise-failed = 因错误而停止：
ui-exercise-sent-of-due = 已发送 / 应发送
ui-exercise-next-due = 下一条注入消息
ui-exercise-report = 事后报告
ui-exercise-download-json = 下载报告（JSON）
ui-exercise-empty = 请先选择场景文件或粘贴场景。
ui-exercise-bad-speed = 速度必须是 1 到 100000 之间的整数；请更正后重试。
ui-exercise-in-inject = 所在注入消息
ui-exercise-fault-unreadable = 无法将场景文件作为文本读取；请选择场景的 TOML 文件。
ui-exercise-fault-toml = 场景不是有效的 TOML，或含有场景不支持的字段；请更正后重试。未发送任何内容。
ui-exercise-fault-no-injects = 场景中没有 [[inject]]；请至少添加一个后重试。未发送任何内容。
ui-exercise-fault-duration = 场景中的时间不是有效时长（请写成 30m 或 2h 这样的形式）；请更正后重试。未发送任何内容。
ui-exercise-fault-value = 场景中的优先级、TLP 标签或预期状态不存在；请更正后重试。未发送任何内容。
ui-exercise-fault-recipients = 场景中的某个收件人不在名录中（请使用 MEX.technical 这样的标识或国家代码）；请更正后重试。未发送任何内容。
ui-exercise-fault-message = 某条注入消息的类型或字段与模板不符；请更正后重试。未发送任何内容。

## Disk faults
disk-full = 存放 PoC 目录的磁盘已满：请释放一些空间，然后重新运行该命令。

## Relay list: the custodian's relay commands and `directory relays`
relay-added = 中继 { $address } 已加入下一版目录（中继数：{ $count }，k = { $k }）；用 `poc custodian publish` 发布
relay-removed = 中继 { $address } 已从下一版目录中移除（中继数：{ $count }，k = { $k }）；用 `poc custodian publish` 发布
relays-k-set = 下一版目录设定 k = { $k }（中继数：{ $count }）：信封在 k 个中继存有后即视为已存储；用 `poc custodian publish` 发布
relay-list-in-force = 现行目录 { $serial } 的中继（k = { $k }）：
relay-list-nothing-published = 尚未发布任何目录。
relay-list-next = 下一次发布的中继（k = { $k }）：
relay-line = { $address }  运营方：{ $operator }  地区：{ $region }  指纹 { $pin }
relay-pending-added = 待添加：{ $addresses }
relay-pending-removed = 待移除：{ $addresses }
relay-pending-changed = 待更改：{ $addresses }
relay-pending-k = k 改为 { $k }
relay-pending-publish = 等待 `poc custodian publish`：
relay-no-change = 没有等待发布的更改。
directory-relays = 目录 { $serial }（中继数：{ $count }，k = { $k }）：信封在 k 个中继存有后即视为已存储：
directory-relays-configured = 目录未列出中继：本目录使用其配置的中继（k = 1）：
