// As ui/boot.js: a file of its own, since the CSP allows only 'self' scripts.
import init from "./ccp-bench-hello-ui.js";
init();
