fn main() { comecomepay_desktop::run() }
