// The security headers of every page a browser opens from this Worker that shows what people typed
// (the form, a compiled report): scripts and connections only to this origin, never framed, no
// MIME sniffing (X-Content-Type-Options: nosniff), no referrer carrying a signed link elsewhere.
import { secureHeaders } from 'hono/secure-headers';

export const pageHeaders = () =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
  });
