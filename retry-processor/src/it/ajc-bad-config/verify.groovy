// ajc ran the processor from the classpath and failed the build with its diagnostics.
def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text): "build.log lacks: " + text }
expect("[LLMR-001] @LlmRetry: maxAttempts was 0, must be >= 1. Use 1 for a single attempt.")
expect("[LLMR-020] @Failover: ")
expect("retry.yaml: no endpoint named 'onapi', did you mean 'oneapi'? (defined: iag, oneapi")
assert !log.contains('[LLMR-900]'): 'the processor reported an internal error'
return true
