/**
 * What went wrong talking to the Education Status API, in words a social worker understands. The panel
 * shows this beside the last good data and its age: never a blank, never a stack trace.
 */

export type ProblemKind = 'not-configured' | 'offline' | 'timeout' | 'unauthorised' | 'not-found' | 'server' | 'schema' | 'stopped';

export interface Problem {
  kind: ProblemKind;
  message: string;
}

export function problemMessage(kind: ProblemKind, apiOrigin: string, status?: number): string {
  switch (kind) {
    case 'not-configured':
      return 'EduBridge has no education service address yet. Set it in the EduBridge options.';
    case 'offline':
      return `EduBridge cannot reach the education service at ${apiOrigin}. It may be down, or you may be offline.`;
    case 'timeout':
      return `The education service at ${apiOrigin} is taking too long to answer.`;
    case 'unauthorised':
      return `You are not signed in to the education service. Sign in at ${apiOrigin}, or ask your administrator for access.`;
    case 'not-found':
      return 'The education service has no record of this child that you may see.';
    case 'server':
      return `The education service had a problem${status ? ` (error ${status})` : ''} and sent no data. Try again later.`;
    case 'schema':
      return 'The education service sent data EduBridge does not understand, so none of it is shown. Your administrator should check the service.';
    case 'stopped':
      return 'EduBridge has stopped on this tab because the page moved through children too quickly.';
  }
}
