//! The string table: one line per key, `(English, Chinese, Arabic)`. `{}` marks the one value
//! a string takes (see `tf`).

macro_rules! strings {
    ($($key:ident => ($en:literal, $zh:literal, $ar:literal),)+) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Key { $($key,)+ }

        #[cfg(test)]
        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key),+];
        }

        pub(super) fn strings(key: Key) -> (&'static str, &'static str, &'static str) {
            match key { $(Key::$key => ($en, $zh, $ar),)+ }
        }
    };
}

strings! {
    Loading => ("Loading…", "加载中…", "جارٍ التحميل…"),
    LoadFailed => ("Could not load your data: {}", "无法加载数据：{}", "تعذّر تحميل بياناتك: {}"),
    Retry => ("Retry", "重试", "إعادة المحاولة"),
    DemoBadge => ("demo", "演示", "تجريبي"),

    // sign-in
    SignInTitle => ("Sign in", "登录", "تسجيل الدخول"),
    Email => ("E-mail", "电子邮箱", "البريد الإلكتروني"),
    Password => ("Password", "密码", "كلمة المرور"),
    SignIn => ("Sign in", "登录", "دخول"),
    MissingCredentials => ("Enter your e-mail and password.", "请输入电子邮箱和密码。", "أدخل بريدك الإلكتروني وكلمة المرور."),
    OtpTitle => ("Check your e-mail", "查看您的邮箱", "تحقّق من بريدك"),
    OtpSentTo => ("We sent a sign-in code to {}.", "登录验证码已发送至 {}。", "أرسلنا رمز الدخول إلى {}."),
    OtpCode => ("Code", "验证码", "الرمز"),
    Verify => ("Verify", "验证", "تحقّق"),
    MissingOtp => ("Enter the code from the e-mail.", "请输入邮件中的验证码。", "أدخل الرمز الوارد في البريد."),
    Back => ("Back", "返回", "رجوع"),
    Resend => ("Send a new code", "重新发送验证码", "إرسال رمز جديد"),
    ResendIn => ("Send a new code in {}", "{} 后可重新发送", "إرسال رمز جديد بعد {}"),
    Resent => ("A new code is on its way.", "新的验证码已发送。", "رمز جديد في الطريق إليك."),
    WrongCode => ("That code is not right. Check the e-mail and type it again, or ask for a new code.", "验证码不正确。请核对邮件后重新输入，或重新获取验证码。", "هذا الرمز غير صحيح. تحقّق من البريد وأعد كتابته، أو اطلب رمزًا جديدًا."),
    TryAgainIn => ("Too many tries. Try again in {}.", "尝试次数过多。请在 {} 后重试。", "محاولات كثيرة. حاول مجددًا بعد {}."),
    TryAgainNow => ("You can try again now.", "现在可以重试。", "يمكنك المحاولة الآن."),
    DemoHint => ("Demo mode: sign in as demo@comecomepay.example with password Demo#2026; the e-mailed code is 12345.", "演示模式：请使用 demo@comecomepay.example 登录，密码 Demo#2026，邮件验证码为 12345。", "الوضع التجريبي: سجّل الدخول بـ demo@comecomepay.example وكلمة المرور Demo#2026، والرمز المرسل هو 12345."),
    SignedOutBecause => ("You were signed out: {}", "您已退出登录：{}", "تم تسجيل خروجك: {}"),

    // navigation
    NavCards => ("Cards", "卡片", "البطاقات"),
    NavCodes => ("Codes", "验证码", "الرموز"),
    NavKyc => ("Verification", "身份认证", "التحقق"),
    NavSettings => ("Settings", "设置", "الإعدادات"),
    SignOut => ("Sign out", "退出", "تسجيل الخروج"),

    // cards
    CardsTitle => ("Your cards", "我的卡片", "بطاقاتك"),
    NoCards => ("No cards yet.", "暂无卡片。", "لا توجد بطاقات بعد."),
    Freeze => ("Freeze", "冻结", "تجميد"),
    Unfreeze => ("Unfreeze", "解冻", "إلغاء التجميد"),
    CancelCard => ("Cancel card", "注销卡片", "إلغاء البطاقة"),
    CancelWarning => ("Cancelling is permanent: the card can never be used again.", "注销不可撤销：此卡将永久无法使用。", "الإلغاء نهائي: لن يمكن استخدام البطاقة مجددًا."),
    ConfirmCancel => ("Yes, cancel it", "确认注销", "نعم، ألغِها"),
    KeepCard => ("Keep the card", "保留此卡", "الإبقاء على البطاقة"),
    Details => ("Details", "详情", "التفاصيل"),
    BackToCards => ("All cards", "全部卡片", "كل البطاقات"),
    Transactions => ("Transactions", "交易记录", "المعاملات"),
    NoTransactions => ("No transactions yet.", "暂无交易。", "لا توجد معاملات بعد."),
    UnreadableTransactions => ("{} transactions could not be read", "{} 笔交易无法读取", "تعذّرت قراءة {} من المعاملات"),
    SessionNotKept => ("No OS keyring is available, so this session is not kept: it ends when the app closes, and nothing is saved for offline use. ({})", "系统密钥环不可用，因此不会保存此会话：关闭应用即结束，也不会保存离线数据。（{}）", "لا تتوفر سلسلة مفاتيح النظام، لذا لن تُحفظ هذه الجلسة: تنتهي عند إغلاق التطبيق ولا يُحفظ شيء للاستخدام دون اتصال. ({})"),
    CardNotFound => ("This card is no longer in your account.", "此卡已不在您的账户中。", "لم تعد هذه البطاقة في حسابك."),
    Working => ("Working…", "处理中…", "جارٍ التنفيذ…"),
    Balance => ("Balance", "余额", "الرصيد"),
    Status => ("Status", "状态", "الحالة"),
    Scheme => ("Network", "卡组织", "الشبكة"),
    Currency => ("Currency", "币种", "العملة"),
    Expiry => ("Expires", "有效期", "تاريخ الانتهاء"),
    CardType => ("Type", "类型", "النوع"),
    Physical => ("Physical", "实体卡", "فعلية"),
    Virtual => ("Virtual", "虚拟卡", "افتراضية"),
    Reference => ("Reference", "卡片标识", "المرجع"),
    StatusNormal => ("Normal", "正常", "عادية"),
    StatusActive => ("Active", "已激活", "نشطة"),
    StatusFrozen => ("Frozen", "已冻结", "مجمّدة"),
    StatusCancelled => ("Cancelled", "已注销", "ملغاة"),
    StatusUnactivate => ("Not activated", "未激活", "غير مفعّلة"),

    // passcodes
    CodesTitle => ("3-D Secure codes", "3-D 安全验证码", "رموز 3-D Secure"),
    CodesIntro => ("Codes appear here as soon as a payment asks for one.", "支付需要验证时，验证码会立即显示在这里。", "تظهر الرموز هنا فور طلب عملية دفع لها."),
    NoCodes => ("No live codes right now.", "当前没有有效的验证码。", "لا توجد رموز صالحة الآن."),
    Expired => ("Expired", "已过期", "منتهية الصلاحية"),
    Copy => ("Copy", "复制", "نسخ"),
    Copied => ("Copied: the clipboard clears in 30 s", "已复制：剪贴板将在 30 秒后清空", "تم النسخ: تُمسح الحافظة بعد 30 ث"),
    ExpiresIn => ("Expires in", "剩余", "تنتهي خلال"),

    // KYC
    KycTitle => ("Identity verification", "身份认证", "التحقق من الهوية"),
    KycNoData => ("No verification data yet.", "暂无认证信息。", "لا توجد بيانات تحقق بعد."),
    KycState => ("Verification", "认证状态", "حالة التحقق"),
    KycNone => ("Not verified", "未认证", "غير موثّق"),
    KycPending => ("Under review", "审核中", "قيد المراجعة"),
    KycVerified => ("Verified", "已认证", "موثّق"),
    KycRejected => ("Rejected", "已拒绝", "مرفوض"),
    LatestCheck => ("Latest check", "最近一次认证", "آخر تحقق"),
    Review => ("Review", "审核结果", "المراجعة"),
    ReviewCode => ("Review code {}", "审核代码 {}", "رمز المراجعة {}"),
    FailReason => ("Reason", "原因", "السبب"),
    CanSubmit => ("Can start verification", "可提交认证", "يمكن بدء التحقق"),
    Yes => ("Yes", "是", "نعم"),
    No => ("No", "否", "لا"),
    Eligibility => ("Eligibility", "资格", "الأهلية"),
    Eligible => ("Eligible", "符合条件", "مؤهل"),
    RequiredAction => ("Next step", "下一步", "الخطوة التالية"),
    PaymentStatus => ("Payment", "付款状态", "الدفع"),
    StartKyc => ("Start verification", "开始认证", "بدء التحقق"),
    KycOpened => ("Opened in your browser:", "已在浏览器中打开：", "فُتح في متصفحك:"),
    KycFormTitle => ("Your details", "您的信息", "بياناتك"),
    KycFormHint => ("As on your ID document, names in Latin letters. The verification service receives them with your e-mail.", "请按证件填写，姓名使用拉丁字母。这些信息将与您的电子邮箱一同发送给认证服务。", "كما في وثيقة هويتك، والأسماء بالحروف اللاتينية. تتلقاها خدمة التحقق مع بريدك الإلكتروني."),
    KycFixFields => ("Please correct the marked fields.", "请更正标出的字段。", "يُرجى تصحيح الحقول المحددة."),
    Optional => ("(optional)", "（可选）", "(اختياري)"),
    FieldFirstName => ("First name", "名（拉丁字母）", "الاسم الأول"),
    FieldLastName => ("Last name", "姓（拉丁字母）", "اسم العائلة"),
    FieldAreaCode => ("Country calling code", "国际区号", "رمز الاتصال الدولي"),
    FieldPhone => ("Phone number", "电话号码", "رقم الهاتف"),
    FieldCountry => ("Country (two letters, e.g. HK)", "国家/地区（两个字母，如 HK）", "الدولة (حرفان، مثل HK)"),
    FieldState => ("State or region", "州/省/地区", "الولاية أو المنطقة"),
    FieldCity => ("City", "城市", "المدينة"),
    FieldAddress => ("Street address", "街道地址", "عنوان الشارع"),
    FieldPostCode => ("Postal code", "邮政编码", "الرمز البريدي"),
    ProblemMissing => ("This is needed.", "此项必填。", "هذا الحقل مطلوب."),
    ProblemTooLong => ("At most {} characters.", "最多 {} 个字符。", "{} حرفًا على الأكثر."),
    ProblemControl => ("Remove the invisible or control characters.", "请删除不可见字符或控制字符。", "احذف الأحرف غير المرئية أو أحرف التحكم."),
    ProblemNotLatin => ("Use Latin letters as in your passport (spaces, - ' . allowed).", "请使用与护照一致的拉丁字母（可含空格、- ' .）。", "استخدم الحروف اللاتينية كما في جواز سفرك (يُسمح بالمسافة و- ' .)."),
    ProblemCountry => ("Two letters, e.g. HK, SG or GB.", "两个字母，如 HK、SG 或 GB。", "حرفان، مثل HK أو SG أو GB."),
    ProblemAreaCode => ("1 to 4 digits, e.g. 852.", "1 到 4 位数字，如 852。", "من 1 إلى 4 أرقام، مثل 852."),
    ProblemPhone => ("4 to 15 digits, without the calling code.", "4 到 15 位数字，不含区号。", "من 4 إلى 15 رقمًا، دون رمز الاتصال."),
    ProblemPostCode => ("Letters and digits only (spaces and - allowed).", "仅限字母和数字（可含空格和 -）。", "أحرف وأرقام فقط (يُسمح بالمسافة و-)."),

    // settings
    SettingsTitle => ("Settings", "设置", "الإعدادات"),
    Notifications => ("Notifications", "通知", "الإشعارات"),
    ShowCode => ("Show the code itself in notifications", "在通知中显示验证码", "إظهار الرمز نفسه في الإشعارات"),
    ShowCodeHint => ("Off: only the merchant and amount are shown.", "关闭时仅显示商户和金额。", "عند الإيقاف: يظهر التاجر والمبلغ فقط."),
    Language => ("Language", "语言", "اللغة"),
    OnThisDesktop => ("On this computer", "在本机", "على هذا الحاسوب"),
    ShortcutOn => ("Copy the newest live code with a keyboard shortcut, from any app", "在任何应用中用快捷键复制最新的有效验证码", "نسخ أحدث رمز صالح باختصار لوحة المفاتيح من أي تطبيق"),
    ShortcutKeys => ("Keys", "按键", "المفاتيح"),
    ShortcutHint => ("For example Ctrl+Alt+C or Ctrl+Shift+F9. The code leaves the clipboard after 30 seconds if it is still there.", "例如 Ctrl+Alt+C 或 Ctrl+Shift+F9。验证码若仍在剪贴板中，30 秒后会被清除。", "مثل Ctrl+Alt+C أو Ctrl+Shift+F9. يُزال الرمز من الحافظة بعد 30 ثانية إن بقي فيها."),
    StartAtLogin => ("Start at login, hidden in the tray", "登录时启动，隐藏在托盘中", "التشغيل عند تسجيل الدخول، مخفيًا في شريط النظام"),
    TestNotification => ("Send a test notification", "发送测试通知", "إرسال إشعار تجريبي"),
    Sent => ("Sent", "已发送", "تم الإرسال"),
    Saved => ("Saved", "已保存", "تم الحفظ"),
    Account => ("Account", "账户", "الحساب"),
    Server => ("Server", "服务器", "الخادم"),
    Version => ("Version", "版本", "الإصدار"),
    LiveBadge => ("live", "正式", "فعلي"),
    About => ("About", "关于", "حول"),
    UpdateAvailable => ("Version {} is available.", "新版本 {} 已发布。", "الإصدار {} متاح."),
    Download => ("Download", "下载", "تنزيل"),
    UpToDate => ("No newer version is announced.", "暂无更新版本。", "لا يوجد إصدار أحدث معلن."),
    ChangeServer => ("Change server", "更换服务器", "تغيير الخادم"),
    ChangeServerHint => ("Switching signs you out of {} and deletes what this computer kept of that account.", "切换将退出 {} 的登录，并删除本机保存的该账户数据。", "يؤدي التبديل إلى تسجيل خروجك من {} وحذف ما حفظه هذا الحاسوب من ذلك الحساب."),

    // welcome and choosing a server
    WelcomeTitle => ("Welcome to ComeComePay", "欢迎使用 ComeComePay", "مرحبًا بك في ComeComePay"),
    WelcomeIntro => ("Sign in with your ComeComePay card account, or look around in the demo first.", "使用您的 ComeComePay 卡账户登录，或先体验演示。", "سجّل الدخول بحساب بطاقة ComeComePay، أو استكشف العرض التجريبي أولًا."),
    SignInToService => ("Sign in to ComeComePay", "登录 ComeComePay", "تسجيل الدخول إلى ComeComePay"),
    UseThisServer => ("Use this server", "使用此服务器", "استخدام هذا الخادم"),
    TryDemo => ("Try the demo", "体验演示", "جرّب العرض التجريبي"),
    TryDemoHint => ("A made-up account on a server inside the app: nothing real is shown or sent.", "应用内置服务器上的虚构账户：不会显示或发送任何真实信息。", "حساب وهمي على خادم داخل التطبيق: لا يُعرض ولا يُرسل أي شيء حقيقي."),
    Advanced => ("Advanced", "高级", "خيارات متقدمة"),
    ServerAddress => ("Server address", "服务器地址", "عنوان الخادم"),
    ServerAddressHint => ("The address your card provider gave you, e.g. https://api.example.com", "发卡方提供的地址，例如 https://api.example.com", "العنوان الذي أعطاك إياه مزوّد البطاقة، مثل https://api.example.com"),
    MissingServer => ("Enter the server address.", "请输入服务器地址。", "أدخل عنوان الخادم."),
    AllowInsecureHttp => ("Allow plain http (unencrypted)", "允许明文 http（不加密）", "السماح بـ http العادي (غير مشفّر)"),
    InsecureRisk => ("Passwords, codes and tokens travel unencrypted: anyone on the network path can read them. Use it only if your provider offers nothing else.", "密码、验证码和令牌将以未加密方式传输：网络路径上的任何人都能读取。仅在服务商别无选择时使用。", "تنتقل كلمات المرور والرموز ورموز الدخول دون تشفير: يستطيع أي شخص على مسار الشبكة قراءتها. لا تستخدمه إلا إذا لم يقدّم مزوّدك غيره."),
    InsecureWarning => ("Unencrypted connection to {}: passwords, codes and tokens travel in the clear.", "与 {} 的连接未加密：密码、验证码和令牌以明文传输。", "الاتصال بـ {} غير مشفّر: تنتقل كلمات المرور والرموز ورموز الدخول بنص واضح."),
    Connecting => ("Connecting…", "正在连接…", "جارٍ الاتصال…"),

    // sync status
    UpdatedJustNow => ("Updated just now", "刚刚更新", "حُدّث للتو"),
    UpdatedMinutesAgo => ("Updated {} min ago", "{} 分钟前更新", "حُدّث قبل {} دقيقة"),
    UpdatedHoursAgo => ("Updated {} h ago", "{} 小时前更新", "حُدّث قبل {} ساعة"),
    UpdatedDaysAgo => ("Updated {} d ago", "{} 天前更新", "حُدّث قبل {} يوم"),
    NotSynced => ("Not synced yet", "尚未同步", "لم تتم المزامنة بعد"),
    Offline => ("Offline: showing saved data", "离线：显示已保存的数据", "غير متصل: تُعرض البيانات المحفوظة"),
    Degraded => ("The server is having trouble", "服务器暂时异常", "الخادم يواجه مشكلة"),
    SyncNow => ("Refresh", "刷新", "تحديث"),
    UnreadableRecords => ("{} 3-D Secure records could not be read", "{} 条 3-D Secure 记录无法读取", "تعذّرت قراءة {} من سجلات 3-D Secure"),
}
