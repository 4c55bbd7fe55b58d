/** Version of this duroxide-ts build, written on every history event (`duroxideVersion`). */
export const DUROXIDE_VERSION = '0.1.0';
