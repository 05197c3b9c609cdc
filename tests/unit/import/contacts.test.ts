import { describe, expect, it } from 'vitest';
import { loadDataDirectory } from '../../../core/node/import/load.ts';
import { describeSections } from '../../../core/presentation/sections.ts';
import { deriveStatus } from '../../../core/status/derive.ts';
import { AS_OF, FIXTURES, brief } from './helpers.ts';

const load = () => loadDataDirectory(`${FIXTURES}contacts`, { asOf: AS_OF });

describe('contacts.csv (tests/fixtures/import/contacts): whom to contact and where the PEP is', () => {
  it('reads the designated teacher, virtual school caseworker, school contact and PEP link of each child', async () => {
    const { records } = await load();
    const amara = records.find((r) => r.identity.personId === '1001');
    expect(amara?.contacts).toEqual({
      designatedTeacher: { name: 'Ruth Adeyemi', email: 'r.adeyemi@oakfield.example.sch.uk', phone: '0113 496 0001' },
      virtualSchoolCaseworker: { name: 'Priya Shah', email: 'priya.shah@council.example.gov.uk' },
      schoolContact: { name: 'Office, Oakfield Primary', email: 'office@oakfield.example.sch.uk', phone: '0113 496 0000' },
      pepDocument: { url: 'https://epep.example.com/pep/1001' },
    });
  });

  it('leaves out a PEP link that is not a web address, and a contact with no name, naming file, line and column; keeps the rest', async () => {
    const { problems, records } = await load();
    expect(brief(problems)).toEqual(['contacts.csv:3:designated_teacher warning missing-field', 'contacts.csv:3:pep_url warning bad-value']);
    expect(problems.find((p) => p.column === 'pep_url')?.message).toContain('"javascript:alert(1)" is not a web address starting https://');
    expect(records.find((r) => r.identity.personId === '1002')?.contacts).toEqual({ virtualSchoolCaseworker: { name: 'Priya Shah' } });
  });

  it('passes the contacts into the status, and the panel names them with how to reach them', async () => {
    const { records } = await load();
    const status = deriveStatus(records.find((r) => r.identity.personId === '1001')!, { asOf: AS_OF });
    expect(status.contacts?.virtualSchoolCaseworker?.name).toBe('Priya Shah');
    const sections = describeSections(status, { epepOrigin: 'https://epep.example.com' });
    expect(sections.contacts.map((c) => [c.roleLabel, c.name])).toEqual([
      ['Designated teacher', 'Ruth Adeyemi'],
      ['Virtual school caseworker', 'Priya Shah'],
      ['School', 'Office, Oakfield Primary'],
      ['Social worker', 'Sarah Reynolds'],
    ]);
    expect(sections.pepDocument).toEqual({ url: 'https://epep.example.com/pep/1001', label: 'Open the PEP in the ePEP system' });
  });
});
