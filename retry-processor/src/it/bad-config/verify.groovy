// The build failed (invoker.buildResult = failure); it must have failed for the processor's reasons, on the right
// lines, and with the relocated processor jar (no second copy of dev.llmretry.config on a user's classpath).
def log = new File(basedir, 'build.log').text
def expect = { String text -> assert log.contains(text): "build.log lacks: " + text }
expect('ChatService.java:[8,')
expect("[LLMR-001] @LlmRetry: maxAttempts was 0, must be >= 1. Use 1 for a single attempt.")
expect('ChatService.java:[9,')
expect("[LLMR-020] @Failover: ")
expect("retry.yaml: no endpoint named 'onapi', did you mean 'oneapi'? (defined: iag, oneapi")
assert !log.contains('[LLMR-900]'): 'the processor reported an internal error'

def jar = new File(localRepositoryPath, "dev/llmretry/retry-processor/${projectVersion}/retry-processor-${projectVersion}.jar")
def entries = new java.util.zip.ZipFile(jar).withCloseable { zip -> zip.entries().collect { it.name } }
assert entries.any { it.startsWith('dev/llmretry/processor/internal/config/') }: 'relocated config classes missing'
assert !entries.any { it.startsWith('dev/llmretry/config/') }: 'dev.llmretry.config must be relocated in the jar'
// the runtime's typed call checks (and the rest of dev.llmretry.internal.config) come relocated too
assert entries.contains('dev/llmretry/processor/internal/yaml/DeclaredCall.class'): 'relocated DeclaredCall missing'
assert entries.contains('dev/llmretry/processor/internal/yaml/SettingMessages.class'): 'relocated SettingMessages missing'
assert !entries.any { it.startsWith('dev/llmretry/internal/') }: 'dev.llmretry.internal.config must be relocated in the jar'
return true
