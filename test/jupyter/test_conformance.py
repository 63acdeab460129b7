"""The official Jupyter kernel conformance suite (jupyter_kernel_test) against the vntrader kernel.

Every sample the suite accepts is filled. Run through test/jupyter/run.mjs, which installs the kernelspec
into test/.tmp and points JUPYTER_PATH at it; needs Debian's python3-jupyter-kernel-test (/usr/bin/python3).
"""
import unittest

import jupyter_kernel_test


class VnTraderKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "vntrader"
    language_name = "typescript"
    file_extension = ".ts"

    code_hello_world = 'console.log("hello, world")'
    code_stderr = 'console.error("something went wrong")'

    completion_samples = [
        {"text": "Math.flo", "matches": {"floor"}},
        {"text": "const greeting = 'hi';\ngreet", "matches": {"greeting"}},
        {"text": "%lsm", "matches": {"lsmagic"}},
        {"text": "%help lsm", "matches": {"lsmagic"}},
    ]

    complete_code_samples = ["1", "const x = 1", "%lsmagic", "function f() {\n  return 1;\n}", "await Promise.resolve(1)"]
    incomplete_code_samples = ["function f() {", "const a = [1,", "if (true) {\n  console.log(1);"]
    invalid_code_samples = ["function function", "const = 5", "1 +* 2"]

    code_page_something = "%lsmagic?"

    code_generate_error = 'throw new Error("boom")'

    code_execute_result = [
        {"code": "1 + 2 + 3", "result": "6"},
        {"code": "'a' + 'b'", "result": "'ab'"},
        {"code": "[1, 2].map((n) => n * 2)", "result": "[ 2, 4 ]"},
        {"code": "const answer: number = 42;\nanswer", "result": "42"},
        {"code": "await Promise.resolve('later')", "result": "'later'"},
        {"code": "html`<b>bold</b>`", "mime": "text/html", "result": "<b>bold</b>"},
    ]

    code_display_data = [
        {"code": "display(html`<i>shown</i>`)", "mime": "text/html"},
        {"code": "display(markdown`# Title`)", "mime": "text/markdown"},
        {"code": "display({ [Symbol.for('Jupyter.display')]: () => ({ 'image/svg+xml': '<svg/>' }) })", "mime": "image/svg+xml"},
    ]

    code_history_pattern = "1 + 2*"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.floor"

    code_clear_output = "clearOutput()"


if __name__ == "__main__":
    unittest.main()
