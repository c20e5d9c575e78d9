//! `ccp`'s own words in the language `--lang` names (English, Chinese, Arabic, Indonesian), one
//! line per key: a missing translation is a compile error. `{}` marks a value, filled in order.
//! Commands and options inside a text (`ccp login`, `--yes`) stay as typed; server text (merchant
//! names, statuses as the server spelled them, its messages) is never looked up here. `--json`
//! output is never translated; clap's own `--help` stays English.

pub use ccp_model::i18n::{Lang, t, tf};

ccp_model::texts! {
    pub enum Text {
        // failures and hints
        CannotStart => ("cannot start: {}", "无法启动：{}", "تعذّر البدء: {}", "tidak dapat dimulai: {}"),
        NoServer => ("no server: pass --server https://… or set CCP_SERVER (this build has no default; builds made with CCP_DEFAULT_SERVER=https://… have one)", "未指定服务器：请传入 --server https://… 或设置 CCP_SERVER（此版本没有默认服务器；使用 CCP_DEFAULT_SERVER=https://… 构建的版本才有）", "لا يوجد خادم: مرّر --server https://… أو اضبط CCP_SERVER (لا يوجد خادم افتراضي في هذا الإصدار؛ الإصدارات المبنية باستخدام CCP_DEFAULT_SERVER=https://… لها خادم افتراضي)", "tidak ada server: berikan --server https://… atau atur CCP_SERVER (build ini tidak punya server bawaan; build yang dibuat dengan CCP_DEFAULT_SERVER=https://… punya)"),
        InsecureWarning => ("warning: plain http to {}: passwords, codes and tokens travel unencrypted", "警告：与 {} 的连接使用明文 http：密码、验证码和令牌均未加密传输", "تحذير: اتصال http عادي بـ {}: تنتقل كلمات المرور والرموز ورموز الدخول دون تشفير", "peringatan: http biasa ke {}: kata sandi, kode, dan token dikirim tanpa enkripsi"),
        NotSignedIn => ("not signed in: run `ccp login`", "尚未登录：请运行 `ccp login`", "لم تسجّل الدخول: شغّل `ccp login`", "belum masuk: jalankan `ccp login`"),
        SignedOutReason => ("signed out: {}", "已退出登录：{}", "تم تسجيل الخروج: {}", "telah keluar: {}"),
        NothingCached => ("Nothing is cached yet.", "本机尚无缓存数据。", "لا يوجد شيء مخزّن مؤقتًا بعد.", "Belum ada data tersimpan."),
        CachedCopy => ("{}; showing the copy cached {}", "{}；正在显示{}缓存的副本", "{}؛ تُعرض النسخة المخزّنة {}", "{}; menampilkan salinan yang disimpan {}"),
        NoCard => ("no card {}: see `ccp cards`", "没有卡片 {}：请查看 `ccp cards`", "لا توجد بطاقة {}: راجع `ccp cards`", "tidak ada kartu {}: lihat `ccp cards`"),
        CancelIsFinal => ("cancelling a card is final: run `ccp card cancel {} --yes`", "注销卡片无法撤销：请运行 `ccp card cancel {} --yes`", "إلغاء البطاقة نهائي: شغّل `ccp card cancel {} --yes`", "pembatalan kartu bersifat permanen: jalankan `ccp card cancel {} --yes`"),
        StdinEnded => ("stdin ended before the {}", "标准输入在读取{}之前已结束", "انتهى الإدخال القياسي قبل {}", "stdin berakhir sebelum {}"),
        NoCodeAccepted => ("no code was accepted", "没有验证码被接受", "لم يُقبل أي رمز", "tidak ada kode yang diterima"),
        KeyNotValid => ("the key is not valid", "该卡密无效", "المفتاح غير صالح", "kunci tidak valid"),
        PotatoNotSignedIn => ("not signed in to Potato Cloud: run `ccp keys login`", "尚未登录 Potato Cloud：请运行 `ccp keys login`", "لم تسجّل الدخول إلى Potato Cloud: شغّل `ccp keys login`", "belum masuk ke Potato Cloud: jalankan `ccp keys login`"),
        RunKeysLogin => ("Run `ccp keys login`.", "请运行 `ccp keys login`。", "شغّل `ccp keys login`.", "Jalankan `ccp keys login`."),
        NoAskKey => ("no Potato Cloud askKey: run `ccp keys setup` (kept in the keyring) or set {}", "没有 Potato Cloud askKey：请运行 `ccp keys setup`（保存在钥匙串中）或设置 {}", "لا يوجد askKey لـ Potato Cloud: شغّل `ccp keys setup` (يُحفظ في سلسلة المفاتيح) أو اضبط {}", "tidak ada askKey Potato Cloud: jalankan `ccp keys setup` (disimpan di keyring) atau atur {}"),
        AskKeyEmpty => ("the askKey is empty; nothing stored", "askKey 为空；未保存任何内容", "askKey فارغ؛ لم يُحفظ شيء", "askKey kosong; tidak ada yang disimpan"),
        NoFalpayServer => ("no FalPay server: pass --falpay-server https://… or set CCP_FALPAY_SERVER", "未指定 FalPay 服务器：请传入 --falpay-server https://… 或设置 CCP_FALPAY_SERVER", "لا يوجد خادم FalPay: مرّر --falpay-server https://… أو اضبط CCP_FALPAY_SERVER", "tidak ada server FalPay: berikan --falpay-server https://… atau atur CCP_FALPAY_SERVER"),
        FalpayNoCredentials => ("no FalPay client credentials: run `ccp falpay login`, or set {} and {}", "没有 FalPay 客户端凭据：请运行 `ccp falpay login`，或设置 {} 和 {}", "لا توجد بيانات اعتماد عميل FalPay: شغّل `ccp falpay login` أو اضبط {} و{}", "tidak ada kredensial klien FalPay: jalankan `ccp falpay login`, atau atur {} dan {}"),

        // sign-in and prompts
        PromptEmail => ("E-mail: ", "邮箱：", "البريد الإلكتروني: ", "E-mail: "),
        PromptPassword => ("Password: ", "密码：", "كلمة المرور: ", "Kata sandi: "),
        PromptCode => ("Code e-mailed to {} (empty: send a new one): ", "已发送到 {} 的验证码（留空：重新发送）：", "الرمز المرسل إلى {} (اتركه فارغًا لإرسال رمز جديد): ", "Kode yang dikirim ke {} (kosongkan: kirim kode baru): "),
        WhatEmail => ("e-mail", "邮箱", "البريد الإلكتروني", "e-mail"),
        WhatPassword => ("password", "密码", "كلمة المرور", "kata sandi"),
        WhatCode => ("one-time code", "一次性验证码", "الرمز لمرة واحدة", "kode sekali pakai"),
        SessionNotKept => ("warning: no usable OS keyring ({}); this session is not kept after this command", "警告：没有可用的系统钥匙串（{}）；此命令结束后不会保留本次会话", "تحذير: لا تتوفر سلسلة مفاتيح نظام صالحة ({})؛ لن تُحفظ هذه الجلسة بعد هذا الأمر", "peringatan: tidak ada keyring OS yang dapat dipakai ({}); sesi ini tidak disimpan setelah perintah ini"),
        FirstSyncFailed => ("signed in, but the first sync failed: {}", "已登录，但首次同步失败：{}", "تم تسجيل الدخول، لكن فشلت المزامنة الأولى: {}", "berhasil masuk, tetapi sinkronisasi pertama gagal: {}"),
        SignedInAs => ("Signed in as {}.", "已登录为 {}。", "تم تسجيل الدخول باسم {}.", "Masuk sebagai {}."),
        SignedOut => ("Signed out. The local cache and the keyring entries are deleted.", "已退出登录。本地缓存和钥匙串条目已删除。", "تم تسجيل الخروج. حُذفت ذاكرة التخزين المحلية وإدخالات سلسلة المفاتيح.", "Telah keluar. Cache lokal dan entri keyring sudah dihapus."),
        NewCodeSent => ("a new code is on its way to {}", "新的验证码正在发送至 {}", "رمز جديد في طريقه إلى {}", "kode baru sedang dikirim ke {}"),
        CodeSentRecently => ("a code was sent recently; you can ask for a new one in {}", "验证码刚发送过；{} 后可重新获取", "أُرسل رمز مؤخرًا؛ يمكنك طلب رمز جديد بعد {}", "kode baru saja dikirim; Anda dapat meminta yang baru dalam {}"),

        // status
        LabelServer => ("Server", "服务器", "الخادم", "Server"),
        LabelSignedIn => ("Signed in", "登录状态", "تسجيل الدخول", "Masuk"),
        LabelCards => ("Cards", "卡片", "البطاقات", "Kartu"),
        LabelPasscodes => ("Passcodes", "验证码", "رموز التحقق", "Kode sandi"),
        LabelKyc => ("KYC", "身份认证", "التحقق من الهوية", "KYC"),
        NotSignedInRunLogin => ("no (run `ccp login`)", "否（请运行 `ccp login`）", "لا (شغّل `ccp login`)", "tidak (jalankan `ccp login`)"),
        PersistKeyring => ("keyring", "钥匙串", "سلسلة المفاتيح", "keyring"),
        PersistMemory => ("memory only ({})", "仅在内存中（{}）", "في الذاكرة فقط ({})", "hanya di memori ({})"),
        CachedCount => ("{} cached, {}", "已缓存 {} 项，{}", "{} مخزّنة، {}", "{} tersimpan, {}"),
        FetchedAgo => ("fetched {}", "{}获取", "جُلبت {}", "diambil {}"),
        NeverFetched => ("never fetched", "从未获取", "لم تُجلب قط", "belum pernah diambil"),

        // cards and transactions
        NoCards => ("No cards.", "没有卡片。", "لا توجد بطاقات.", "Tidak ada kartu."),
        ColToken => ("TOKEN", "令牌", "الرمز المميز", "TOKEN"),
        ColNumber => ("NUMBER", "卡号", "رقم البطاقة", "NOMOR"),
        ColScheme => ("SCHEME", "卡组织", "الشبكة", "JARINGAN"),
        ColCurrency => ("CUR", "币种", "العملة", "MATA UANG"),
        ColBalance => ("BALANCE", "余额", "الرصيد", "SALDO"),
        ColStatus => ("STATUS", "状态", "الحالة", "STATUS"),
        ColTime => ("TIME", "时间", "الوقت", "WAKTU"),
        ColKind => ("KIND", "类型", "النوع", "JENIS"),
        ColSubject => ("SUBJECT", "标题", "الموضوع", "JUDUL"),
        KindNotification => ("notification", "通知", "إشعار", "notifikasi"),
        KindAnnouncement => ("announcement", "公告", "إعلان", "pengumuman"),
        NoMessages => ("No messages.", "暂无消息。", "لا توجد رسائل.", "Tidak ada pesan."),
        MessagesUnread => ("({} unread; * marks them)", "（{} 条未读，以 * 标记）", "({} غير مقروءة؛ تميّزها *)", "({} belum dibaca; ditandai *)"),
        ColMerchant => ("MERCHANT", "商户", "التاجر", "MERCHANT"),
        ColAmount => ("AMOUNT", "金额", "المبلغ", "JUMLAH"),
        ColType => ("TYPE", "类型", "النوع", "JENIS"),
        ColId => ("ID", "编号", "الرقم", "ID"),
        ColCode => ("CODE", "验证码", "الرمز", "KODE"),
        ColExpiry => ("EXPIRY", "有效期", "الصلاحية", "KEDALUWARSA"),
        LabelCard => ("Card", "卡片", "البطاقة", "Kartu"),
        LabelToken => ("Token", "令牌", "الرمز المميز", "Token"),
        LabelScheme => ("Scheme", "卡组织", "الشبكة", "Jaringan"),
        LabelCurrency => ("Currency", "币种", "العملة", "Mata uang"),
        LabelBalance => ("Balance", "余额", "الرصيد", "Saldo"),
        LabelStatus => ("Status", "状态", "الحالة", "Status"),
        LabelPhysical => ("Physical", "实体卡", "بطاقة فعلية", "Fisik"),
        LabelExpires => ("Expires", "有效期至", "تنتهي في", "Berlaku hingga"),
        Yes => ("yes", "是", "نعم", "ya"),
        No => ("no", "否", "لا", "tidak"),
        UnfrozenFor => ("Card {} is unfrozen for {}, then frozen again: by the app if it runs, else by the next `ccp` command.", "卡片 {} 已解冻 {}，之后会再次冻结：若应用在运行则由应用执行，否则由下一条 `ccp` 命令执行。", "البطاقة {} غير مجمّدة لمدة {}، ثم تُجمَّد مجددًا: بواسطة التطبيق إن كان يعمل، وإلا فبأمر `ccp` التالي.", "Kartu {} dibuka bekunya selama {}, lalu dibekukan lagi: oleh aplikasi jika berjalan, atau oleh perintah `ccp` berikutnya."),
        Refrozen => ("card {} is frozen again: its unfreeze time ended {}", "卡片 {} 已再次冻结：其解冻时间已于{}结束", "البطاقة {} مجمّدة مجددًا: انتهى وقت إلغاء تجميدها {}", "kartu {} dibekukan lagi: waktu buka bekunya berakhir {}"),
        RefreezeFailed => ("could not freeze card {} again: {} (tried again by the app, or by the next `ccp` command)", "无法再次冻结卡片 {}：{}（应用或下一条 `ccp` 命令会重试）", "تعذّر تجميد البطاقة {} مجددًا: {} (سيحاول التطبيق أو أمر `ccp` التالي مرة أخرى)", "tidak dapat membekukan kartu {} lagi: {} (dicoba lagi oleh aplikasi, atau oleh perintah `ccp` berikutnya)"),
        FreezeAllAsks => ("this freezes every active card: run `ccp card freeze-all --yes`", "此操作会冻结所有有效卡片：请运行 `ccp card freeze-all --yes`", "سيؤدي هذا إلى تجميد كل البطاقات النشطة: شغّل `ccp card freeze-all --yes`", "ini membekukan semua kartu aktif: jalankan `ccp card freeze-all --yes`"),
        NothingToFreeze => ("No active card to freeze.", "没有可冻结的有效卡片。", "لا توجد بطاقة نشطة لتجميدها.", "Tidak ada kartu aktif untuk dibekukan."),
        FrozenNow => ("Frozen: {}", "已冻结：{}", "مجمّدة: {}", "Dibekukan: {}"),
        NotFrozen => ("not frozen: {}: {}", "未冻结：{}：{}", "لم تُجمَّد: {}: {}", "tidak dibekukan: {}: {}"),
        SomeNotFrozen => ("{} card(s) could not be frozen; try again, or call ComeComePay support", "有 {} 张卡片无法冻结；请重试，或致电 ComeComePay 客服", "تعذّر تجميد {} بطاقة؛ حاول مجددًا أو اتصل بدعم ComeComePay", "{} kartu tidak dapat dibekukan; coba lagi, atau hubungi dukungan ComeComePay"),
        AfterFreezeAll => ("Contact ComeComePay support: a code you did not ask for means someone may have your card details. When it is safe, unfreeze a card with `ccp card unfreeze TOKEN`.", "请联系 ComeComePay 客服：收到并非您请求的验证码，意味着他人可能掌握了您的卡片信息。确认安全后，可用 `ccp card unfreeze TOKEN` 解冻卡片。", "اتصل بدعم ComeComePay: رمز لم تطلبه يعني أن شخصًا ما قد يملك بيانات بطاقتك. عندما يصبح الأمر آمنًا، ألغِ تجميد البطاقة بـ `ccp card unfreeze TOKEN`.", "Hubungi dukungan ComeComePay: kode yang tidak Anda minta berarti seseorang mungkin memiliki data kartu Anda. Jika sudah aman, buka beku kartu dengan `ccp card unfreeze TOKEN`."),
        BrowserWrote => ("{}: {}", "{}：{}", "{}: {}", "{}: {}"),
        BrowserRemoved => ("{}: removed {}", "{}：已删除 {}", "{}: أُزيل {}", "{}: dihapus {}"),
        BrowserNothing => ("{}: nothing to remove", "{}：没有需要删除的内容", "{}: لا شيء لإزالته", "{}: tidak ada yang perlu dihapus"),
        BrowserNoHost => ("the browser host is not at {}: pass --host PATH", "浏览器主机程序不在 {}：请传入 --host PATH", "مضيف المتصفح ليس في {}: مرّر --host PATH", "host peramban tidak ada di {}: berikan --host PATH"),
        BrowserOneForDir => ("--dir takes one browser: add --browser chromium, chrome, edge or firefox", "--dir 只能用于一个浏览器：请加上 --browser chromium、chrome、edge 或 firefox", "يأخذ --dir متصفحًا واحدًا: أضف --browser chromium أو chrome أو edge أو firefox", "--dir hanya untuk satu peramban: tambahkan --browser chromium, chrome, edge, atau firefox"),
        BrowserSomeFailed => ("{} browser(s) not changed", "{} 个浏览器未更改", "لم يتغيّر {} متصفح", "{} peramban tidak berubah"),
        BrowserFailed => ("{}: {}", "{}：{}", "{}: {}", "{}: {}"),
        CardNowStatus => ("Card {} is now {}.", "卡片 {} 的状态现为 {}。", "البطاقة {} الآن {}.", "Kartu {} sekarang {}."),
        NoTransactions => ("No transactions.", "没有交易。", "لا توجد معاملات.", "Tidak ada transaksi."),
        TransactionsShown => ("({} of {} shown)", "（显示 {} 笔，共 {} 笔）", "(معروض {} من {})", "(ditampilkan {} dari {})"),
        UnreadableTransactions => ("{} transactions could not be read (skipped)", "{} 笔交易无法读取（已跳过）", "تعذّرت قراءة {} من المعاملات (تم تخطيها)", "{} transaksi tidak dapat dibaca (dilewati)"),

        // KYC
        KycNotFetched => ("KYC: not fetched yet.", "身份认证：尚未获取。", "التحقق من الهوية: لم يُجلب بعد.", "KYC: belum diambil."),
        LabelKycStatus => ("KYC status", "认证状态", "حالة التحقق", "Status KYC"),
        LabelMessage => ("Message", "消息", "الرسالة", "Pesan"),
        LabelCanSubmit => ("Can submit", "可提交", "يمكن الإرسال", "Dapat diajukan"),
        LabelLatestRequest => ("Latest request", "最近一次申请", "آخر طلب", "Permintaan terakhir"),
        LabelReview => ("Review", "审核结果", "المراجعة", "Tinjauan"),
        LabelReason => ("Reason", "原因", "السبب", "Alasan"),
        LabelUpdated => ("Updated", "更新时间", "آخر تحديث", "Diperbarui"),
        LabelEligible => ("Eligible", "符合条件", "مؤهل", "Memenuhi syarat"),
        KycNotStarted => ("KYC was not started (nothing was sent): fix the options above", "未开始身份认证（未发送任何内容）：请修正上面的选项", "لم يبدأ التحقق من الهوية (لم يُرسل شيء): صحّح الخيارات أعلاه", "KYC tidak dimulai (tidak ada yang dikirim): perbaiki opsi di atas"),
        KycOpenPage => ("Open this page in your browser to verify your identity:", "请在浏览器中打开此页面以验证您的身份：", "افتح هذه الصفحة في متصفحك للتحقق من هويتك:", "Buka halaman ini di browser Anda untuk memverifikasi identitas:"),
        KycThen => ("Then `ccp kyc` shows how the review goes.", "之后可用 `ccp kyc` 查看审核进度。", "بعد ذلك يعرض `ccp kyc` سير المراجعة.", "Lalu `ccp kyc` menampilkan perkembangan tinjauannya."),
        FromProfile => ("{} (taken from your profile) {}; pass {}", "{}（取自您的个人资料）{}；请传入 {}", "{} (مأخوذ من ملفك الشخصي) {}؛ مرّر {}", "{} (diambil dari profil Anda) {}; berikan {}"),
        ProblemMissing => ("is missing", "未填写", "مفقود", "tidak diisi"),
        ProblemTooLong => ("is too long (at most {} characters)", "过长（最多 {} 个字符）", "طويل جدًا ({} حرفًا على الأكثر)", "terlalu panjang (maksimal {} karakter)"),
        ProblemControl => ("contains a control or invisible character", "包含控制字符或不可见字符", "يحتوي على حرف تحكم أو حرف غير مرئي", "berisi karakter kontrol atau karakter tak terlihat"),
        ProblemNotLatin => ("must be in Latin letters (spaces, -, ' and . allowed), as in the passport", "必须使用与护照一致的拉丁字母（可含空格、-、' 和 .）", "يجب أن يكون بالحروف اللاتينية (يُسمح بالمسافة و- و' و.) كما في جواز السفر", "harus dalam huruf Latin (spasi, -, ' dan . diperbolehkan), seperti di paspor"),
        ProblemCountry => ("must be a two-letter country code (ISO 3166-1), e.g. HK", "必须是两个字母的国家/地区代码（ISO 3166-1），如 HK", "يجب أن يكون رمز دولة من حرفين (ISO 3166-1)، مثل HK", "harus berupa kode negara dua huruf (ISO 3166-1), mis. HK"),
        ProblemAreaCode => ("must be 1-4 digits, optionally after +", "必须是 1-4 位数字，前面可加 +", "يجب أن يكون من 1 إلى 4 أرقام، ويمكن أن يسبقها +", "harus 1-4 digit, boleh diawali +"),
        ProblemPhone => ("must be 4-15 digits (spaces and dashes allowed), without the area code", "必须是 4-15 位数字（可含空格和短横线），不含区号", "يجب أن يكون من 4 إلى 15 رقمًا (يُسمح بالمسافات والشرطات)، دون رمز المنطقة", "harus 4-15 digit (spasi dan tanda hubung diperbolehkan), tanpa kode area"),
        ProblemPostCode => ("must be letters and digits (spaces and dashes allowed)", "只能包含字母和数字（可含空格和短横线）", "يجب أن يتكون من أحرف وأرقام (يُسمح بالمسافات والشرطات)", "harus berupa huruf dan angka (spasi dan tanda hubung diperbolehkan)"),

        // passcodes
        NoPasscodes => ("No passcodes.", "没有验证码。", "لا توجد رموز تحقق.", "Tidak ada kode sandi."),
        NoLivePasscodes => ("No live passcodes.", "没有有效的验证码。", "لا توجد رموز تحقق صالحة.", "Tidak ada kode sandi aktif."),
        ExpiresIn => ("expires in {}", "{} 后过期", "تنتهي بعد {}", "kedaluwarsa dalam {}"),
        Expired => ("expired", "已过期", "منتهية الصلاحية", "kedaluwarsa"),
        UnreadableRecords => ("{} 3-D Secure records could not be read (skipped)", "{} 条 3-D Secure 记录无法读取（已跳过）", "تعذّرت قراءة {} من سجلات 3-D Secure (تم تخطيها)", "{} catatan 3-D Secure tidak dapat dibaca (dilewati)"),
        Watching => ("Watching for 3-D Secure passcodes (Ctrl-C to stop)…", "正在等待 3-D Secure 验证码（按 Ctrl-C 停止）…", "في انتظار رموز 3-D Secure (اضغط Ctrl-C للإيقاف)…", "Menunggu kode sandi 3-D Secure (Ctrl-C untuk berhenti)…"),
        OfflineRetrying => ("offline; retrying…", "离线；正在重试…", "غير متصل؛ جارٍ إعادة المحاولة…", "offline; mencoba lagi…"),
        BackOnline => ("back online", "已恢复连接", "عاد الاتصال", "kembali online"),

        // Potato Cloud card keys
        PromptPotatoUser => ("Potato Cloud user number: ", "Potato Cloud 用户编号：", "رقم مستخدم Potato Cloud: ", "Nomor pengguna Potato Cloud: "),
        WhatUserNumber => ("user number", "用户编号", "رقم المستخدم", "nomor pengguna"),
        PromptAskKey => ("askKey: ", "askKey：", "askKey: ", "askKey: "),
        WhatAskKey => ("askKey", "askKey", "askKey", "askKey"),
        PromptCardKey => ("Key to verify: ", "要验证的卡密：", "المفتاح المراد التحقق منه: ", "Kunci yang diverifikasi: "),
        WhatCardKey => ("the key", "卡密", "المفتاح", "kunci"),
        PromptSignSecret => ("Signing secret (empty: the app has signing off): ", "签名密钥（留空：应用未启用签名）：", "سر التوقيع (اتركه فارغًا إن كان التوقيع معطّلًا في التطبيق): ", "Rahasia penandatanganan (kosongkan: penandatanganan aplikasi nonaktif): "),
        WhatSignSecret => ("signing secret", "签名密钥", "سر التوقيع", "rahasia penandatanganan"),
        PotatoNotKept => ("warning: no usable OS keyring; the Potato Cloud sign-in is not kept after this command", "警告：没有可用的系统钥匙串；此命令结束后不会保留 Potato Cloud 的登录", "تحذير: لا تتوفر سلسلة مفاتيح نظام صالحة؛ لن يُحفظ تسجيل الدخول إلى Potato Cloud بعد هذا الأمر", "peringatan: tidak ada keyring OS yang dapat dipakai; login Potato Cloud tidak disimpan setelah perintah ini"),
        PotatoSignedIn => ("Signed in to Potato Cloud as {}.", "已登录 Potato Cloud，用户 {}。", "تم تسجيل الدخول إلى Potato Cloud باسم {}.", "Masuk ke Potato Cloud sebagai {}."),
        PotatoSignedOut => ("Signed out of Potato Cloud. The token is deleted from the keyring.", "已退出 Potato Cloud。令牌已从钥匙串中删除。", "تم تسجيل الخروج من Potato Cloud. حُذف رمز الدخول من سلسلة المفاتيح.", "Telah keluar dari Potato Cloud. Token sudah dihapus dari keyring."),
        StoredSigning => ("Stored the askKey and the signing secret in the keyring for {}.", "已将 {} 的 askKey 和签名密钥保存到钥匙串。", "حُفظ askKey وسر التوقيع في سلسلة المفاتيح لـ {}.", "askKey dan rahasia penandatanganan untuk {} disimpan di keyring."),
        StoredNoSigning => ("Stored the askKey (signing off) in the keyring for {}.", "已将 {} 的 askKey 保存到钥匙串（未启用签名）。", "حُفظ askKey (التوقيع معطّل) في سلسلة المفاتيح لـ {}.", "askKey (penandatanganan nonaktif) untuk {} disimpan di keyring."),
        KeyTypeNumber => ("type {}", "类型 {}", "النوع {}", "jenis {}"),
        KeyDay => ("day", "日卡", "يوم", "hari"),
        KeyWeek => ("week", "周卡", "أسبوع", "minggu"),
        KeyMonth => ("month", "月卡", "شهر", "bulan"),
        KeyQuarter => ("quarter", "季卡", "ربع سنة", "kuartal"),
        KeyYear => ("year", "年卡", "سنة", "tahun"),
        KeyPermanent => ("permanent", "永久卡", "دائم", "permanen"),
        KeyUnused => ("unused", "未使用", "غير مستخدم", "belum dipakai"),
        KeyUsed => ("used", "已使用", "مستخدم", "sudah dipakai"),
        KeyCreated => ("created {}", "创建于 {}", "أُنشئ {}", "dibuat {}"),
        KeyExpires => ("expires {}", "到期 {}", "ينتهي {}", "berakhir {}"),
        NoKeys => ("No keys.", "没有卡密。", "لا توجد مفاتيح.", "Tidak ada kunci."),
        PageOfTotal => ("Page {} of {} ({} keys)", "第 {} 页，共 {} 页（{} 个卡密）", "الصفحة {} من {} ({} مفتاحًا)", "Halaman {} dari {} ({} kunci)"),
        PageTotal => ("Page {} ({} keys)", "第 {} 页（{} 个卡密）", "الصفحة {} ({} مفتاحًا)", "Halaman {} ({} kunci)"),
        Page => ("Page {}", "第 {} 页", "الصفحة {}", "Halaman {}"),
        ValidUntil => ("Valid {} key, valid until {}.", "有效的{}卡密，有效期至 {}。", "مفتاح {} صالح، صالح حتى {}.", "Kunci {} valid, berlaku hingga {}."),
        ValidNoExpiry => ("Valid {} key (no expiry).", "有效的{}卡密（永不过期）。", "مفتاح {} صالح (بلا تاريخ انتهاء).", "Kunci {} valid (tanpa masa berlaku)."),
        NotValid => ("Not valid.", "无效。", "غير صالح.", "Tidak valid."),
        NotValidBecause => ("Not valid: {}.", "无效：{}。", "غير صالح: {}.", "Tidak valid: {}."),

        // FalPay
        FalpayDeleted => ("The FalPay client id and secret for {} are deleted from the keyring.", "{} 的 FalPay 客户端 ID 和密钥已从钥匙串中删除。", "حُذف معرّف عميل FalPay وسرّه لـ {} من سلسلة المفاتيح.", "ID klien dan rahasia FalPay untuk {} sudah dihapus dari keyring."),
        LabelScope => ("Scope", "权限范围", "النطاق", "Cakupan"),
        LabelSecondsLeft => ("Seconds left", "剩余秒数", "الثواني المتبقية", "Sisa detik"),
        LabelCredentials => ("Credentials", "凭据来源", "بيانات الاعتماد", "Kredensial"),
        NotGiven => ("(not given)", "（未提供）", "(غير محدد)", "(tidak diberikan)"),
        FromEnvironment => ("environment", "环境变量", "متغيرات البيئة", "variabel lingkungan"),
        FromKeyring => ("keyring", "钥匙串", "سلسلة المفاتيح", "keyring"),
        PromptClientId => ("FalPay client id: ", "FalPay 客户端 ID：", "معرّف عميل FalPay: ", "ID klien FalPay: "),
        WhatClientId => ("client id", "客户端 ID", "معرّف العميل", "ID klien"),
        PromptClientSecret => ("FalPay client secret: ", "FalPay 客户端密钥：", "سر عميل FalPay: ", "Rahasia klien FalPay: "),
        WhatClientSecret => ("client secret", "客户端密钥", "سر العميل", "rahasia klien"),
        FalpayAccepted => ("FalPay accepted client {} (scope {}); its id and secret are in the keyring ({}).", "FalPay 已接受客户端 {}（权限范围 {}）；其 ID 和密钥已保存在钥匙串中（{}）。", "قبل FalPay العميل {} (النطاق {})؛ معرّفه وسرّه في سلسلة المفاتيح ({}).", "FalPay menerima klien {} (cakupan {}); ID dan rahasianya ada di keyring ({})."),
        ScopeNotGiven => ("not given", "未提供", "غير محدد", "tidak diberikan"),
    }
}

/// How many columns a terminal gives `s`: two for a wide (East Asian) character, none for a
/// combining mark (Arabic vowel signs…) or a zero-width one, one otherwise. Enough for the
/// labels in the table and the usual server text; a table stays aligned in Chinese.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    match c as u32 {
        // Combining marks (general, Arabic, Hebrew), zero-width spaces, joiners, marks.
        0x0300..=0x036F
        | 0x0591..=0x05BD
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06DC
        | 0x06DF..=0x06E4
        | 0x06E7..=0x06E8
        | 0x06EA..=0x06ED
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x2064
        | 0xFE00..=0xFE0F
        | 0xFEFF => 0,
        // Hangul Jamo, CJK and fullwidth forms, wide symbols and emoji.
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// `s` padded with spaces after it to `columns` terminal columns (as `{:<n}` by characters).
pub fn pad(s: &str, columns: usize) -> String {
    format!("{s}{}", " ".repeat(columns.saturating_sub(width(s))))
}

/// `s` padded with spaces before it to `columns` terminal columns (as `{:>n}`).
pub fn pad_left(s: &str, columns: usize) -> String {
    format!("{}{s}", " ".repeat(columns.saturating_sub(width(s))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ccp_model::i18n::untranslated::{self, Literal};

    /// Every key has all four languages, none empty, each with as many `{}` as in English.
    #[test]
    fn every_text_is_in_every_language_with_its_placeholders() {
        let problems = Text::problems();
        assert!(problems.is_empty(), "{problems:#?}");
    }

    /// A command or an option written in a text is typed as is, so every language keeps it.
    #[test]
    fn commands_in_a_text_are_kept_in_every_language() {
        for key in Text::ALL {
            let [en, rest @ ..] = key.strings();
            for command in en.split('`').skip(1).step_by(2) {
                for s in rest {
                    assert!(s.contains(&format!("`{command}`")), "{key:?}: {s}");
                }
            }
            for word in en.split_whitespace().filter(|w| w.starts_with("--")) {
                let option: String = word
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect();
                for s in rest {
                    assert!(s.contains(&option), "{key:?}: {s} lacks {option}");
                }
            }
        }
    }

    #[test]
    fn texts_are_filled_in_the_chosen_language() {
        assert_eq!(
            tf(Lang::En, Text::TransactionsShown, &[&3, &7]),
            "(3 of 7 shown)"
        );
        assert_eq!(
            tf(Lang::Zh, Text::TransactionsShown, &[&3, &7]),
            "（显示 3 笔，共 7 笔）"
        );
        assert_eq!(t(Lang::Ar, Text::NoCards), "لا توجد بطاقات.");
        assert_eq!(t(Lang::Id, Text::NoCards), "Tidak ada kartu.");
    }

    #[test]
    fn wide_and_combining_characters_are_measured_by_columns() {
        assert_eq!(width("STATUS"), 6);
        assert_eq!(width("状态"), 4);
        assert_eq!(width("رمزًا"), 4);
        assert_eq!(pad("卡号", 6), "卡号  ");
        assert_eq!(pad_left("余额", 5), " 余额");
        assert_eq!(pad("TOOLONG", 3), "TOOLONG");
    }

    /// A literal `ccp` would print as words: one with a word in it (not counting placeholders
    /// (`{}`, `{name}`), commands in backticks and the program's name) that is not exempt:
    /// environment variables' names, JSON keys and indices, panics that cannot happen
    /// (`unreachable!`, `expect`), and a literal under a line `// untranslated: why` (JSON
    /// values, a log filter).
    fn printed(l: &Literal) -> bool {
        let (before, after) = (l.before_char(), l.after);
        let exempt = after == Some(':') && before != Some('(') // a JSON key
            || before == Some('[') && after == Some(']') // a JSON index
            || l.text.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            || ["unreachable!(", ".expect(", "panic!("].iter().any(|m| l.before.contains(m))
            || l.above.trim_start().starts_with("// untranslated:");
        !exempt && untranslated::has_word(&l.text, &["ccp"])
    }

    /// Every word `ccp` prints comes from the table: a string literal with a word in it, in
    /// the CLI's code (not its tests), fails here. `args.rs` is clap's `--help`, which stays
    /// English.
    #[test]
    fn no_output_bypasses_the_table() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let files = untranslated::sources(&dir, &["i18n.rs", "args.rs"]);
        assert!(files.len() >= 7, "the sources were found: {files:?}");
        let found = untranslated::find(&files, printed);
        assert!(
            found.is_empty(),
            "text that bypasses the table (add it to i18n.rs):\n{}",
            found.join("\n")
        );
    }

    /// The literals in `code` that [`printed`] counts, with their line.
    fn printed_in(code: &str) -> Vec<(usize, String)> {
        (untranslated::literals(code).into_iter())
            .filter(printed)
            .map(|l| (l.line, l.text))
            .collect()
    }

    #[test]
    fn the_literal_check_sees_words_but_not_placeholders_commands_or_json() {
        let code = r#"
            println!("ccp: {}", t(lang, Text::NoCards));
            eprintln!("ccp: {count} cards");
            let s = if yes { "yes" } else { "no" };
            let hint = "run `ccp login`: {}";
            json!({ "server": x, "signed_in": y });
            v["access_token"] = z;
            let c = '"'; let d = '\\'; fn f<'a>(x: &'a str) {}
            unreachable!("handled above");
            // untranslated: JSON
            let from = "keyring";
            let env = "CCP_LOG";
            // A comment's "words" are not output.
            println!("{}{value}", " ".repeat(w));
        "#;
        let found: Vec<String> = printed_in(code).into_iter().map(|(_, l)| l).collect();
        assert_eq!(
            found,
            ["ccp: {count} cards", "yes", "no", "run `ccp login`: {}"]
        );
        assert_eq!(printed_in(code)[0].0, 3);
    }
}
