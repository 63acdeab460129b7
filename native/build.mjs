// Builds the native parts (CTP bridge, CTP-compatible simulated counter) with the machine's compiler.
console.log("native: nothing to build yet");
