// The form's browser script, bundled by scripts/build-client.mjs (form-bundle.js is generated).
export declare const FORM_JS: string;
export declare const FORM_JS_HASH: string;
