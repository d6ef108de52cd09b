// Runs in every test file's module registry before its tests: the tests synthesize as the app's
// entry points do, without cdktf's token creation traces (CDKTF_AKS_STACK_TRACES=1 keeps them).
"use strict";
require("./cdktf-stack-traces").configureCdktfStackTraces();
