// The form's browser script, bundled by scripts/build-client.mjs (form-bundle.js is generated).
export declare const FORM_JS: string;
export declare const FORM_JS_HASH: string;
export declare const IMPORT_JS: string;
export declare const IMPORT_JS_HASH: string;
/** Where pdf.js is among the Worker's static files (public/, copied by scripts/build-client.mjs). */
export declare const PDFJS_BASE: string;
