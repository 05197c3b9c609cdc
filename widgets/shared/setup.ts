import { z } from 'zod';

// zod otherwise probes `new Function`, which a page's Content-Security-Policy may forbid and report.
z.config({ jitless: true });
