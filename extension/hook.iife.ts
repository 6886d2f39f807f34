(globalThis as unknown as { __NIM_DEVTOOLS__: unknown }).__NIM_DEVTOOLS__ = { version: 1 };
