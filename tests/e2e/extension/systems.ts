import type { FrameLocator, Page } from '@playwright/test';

/** Where things are in the demo's three imitation case-management systems (see demo/server/pages/). */
export interface DemoSystem {
  name: string;
  child(cmsUrl: string, personId: string): string;
  caseload(cmsUrl: string): string;
  /** A page of the system that shows no child. */
  noChild(cmsUrl: string): string;
  /** Where EduBridge's frame is: in the page, or inside the system's own frame. */
  overlay(page: Page): FrameLocator;
}

const inPage = (page: Page) => page.frameLocator('edubridge-overlay iframe');

export const DEMO_PAGES = {
  carepath: {
    name: 'CarePath (server-rendered)',
    child: (cms, id) => `${cms}/cms/carepath/people/${id}`,
    caseload: (cms) => `${cms}/cms/carepath/`,
    noChild: (cms) => `${cms}/cms/carepath/search`,
    overlay: inPage,
  },
  nexus: {
    name: 'Nexus (framed, ID in the query string)',
    child: (cms, id) => `${cms}/cms/nexus/?personId=${id}`,
    caseload: (cms) => `${cms}/cms/nexus/`,
    noChild: (cms) => `${cms}/cms/nexus/workspace?view=caseload`,
    overlay: (page) => page.frameLocator('#workspace').frameLocator('edubridge-overlay iframe'),
  },
  atlas: {
    name: 'Atlas (single-page application)',
    child: (cms, id) => `${cms}/cms/atlas/people/${id}`,
    caseload: (cms) => `${cms}/cms/atlas/`,
    noChild: (cms) => `${cms}/cms/atlas/people/does-not-exist`,
    overlay: inPage,
  },
} satisfies Record<string, DemoSystem>;
