/**
 * Name and ethnicity pools for synthetic children, carers and staff. Invented combinations of common
 * names; any resemblance to a real person is chance. Ethnicity codes are the school census / SSDA903
 * codes (DOMAIN.md §6). Weights roughly follow the mix of children looked after in England (most White
 * British, with substantial Black, Mixed, Asian and other groups).
 */
export interface Background {
  ethnicity: readonly string[];
  weight: number;
  female: readonly string[];
  male: readonly string[];
  surnames: readonly string[];
}

export const BACKGROUNDS: readonly Background[] = [
  {
    ethnicity: ['WBRI'],
    weight: 64,
    female: ['Olivia', 'Amelia', 'Isla', 'Ava', 'Lily', 'Freya', 'Grace', 'Ellie', 'Poppy', 'Evie', 'Chloe', 'Jessica', 'Megan', 'Holly', 'Daisy', 'Ruby', 'Sophie', 'Niamh', 'Zoë', 'Cerys'],
    male: ['Oliver', 'George', 'Harry', 'Jack', 'Charlie', 'Thomas', 'Alfie', 'Jacob', 'Riley', 'Tyler', 'Kian', 'Lewis', 'Callum', 'Jake', 'Mason', 'Leo', 'Finley', 'Dylan', 'Dafydd', 'Rhodri'],
    surnames: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', 'Thompson', 'Evans', 'Walker', 'White', 'Roberts', 'Green', 'Hall', 'Wood', 'Jackson', 'Clarke', 'Hughes', 'Edwards', "O'Neill", 'Lloyd-Jones', 'ap Rhys', 'ab Owen'],
  },
  {
    ethnicity: ['WIRI', 'WIRT', 'WROM'],
    weight: 2,
    female: ['Siobhan', 'Aoife', 'Roisin', 'Bridget', 'Kathleen', 'Shannon'],
    male: ['Patrick', 'Sean', 'Cian', 'Declan', 'Michael', 'Johnny'],
    surnames: ['Murphy', 'Kelly', 'Doherty', 'Ward', 'McDonagh', 'Connors', 'Quinn', 'Maughan'],
  },
  {
    ethnicity: ['WOTH'],
    weight: 7,
    female: ['Zuzanna', 'Maja', 'Alexandra', 'Ioana', 'Gabija', 'Zofia', 'Ana', 'Elif', 'İpek'],
    male: ['Jakub', 'Mateusz', 'Andrei', 'Lukas', 'Filip', 'Bogdan', 'İsmail', 'Emir', 'Tomasz'],
    surnames: ['Nowak', 'Kowalski', 'Popescu', 'Kazlauskas', 'Horvath', 'Wiśniewski', 'Yılmaz', 'Dvořák', 'Strauß'],
  },
  {
    ethnicity: ['MWBC', 'MWBA', 'MWAS', 'MOTH'],
    weight: 10,
    female: ['Aaliyah', 'Maya', 'Layla', 'Nia', 'Jasmine', 'Leah', 'Imani', 'Skye'],
    male: ['Tyrese', 'Kai', 'Jayden', 'Malachi', 'Reuben', 'Elijah', 'Zane', 'Marley'],
    surnames: ['Campbell', 'Francis', 'Grant', 'Baptiste', 'Morgan', 'Bennett', 'Thomas', 'Reid'],
  },
  {
    ethnicity: ['BAFR'],
    weight: 5,
    female: ['Amara', 'Chidinma', 'Adaeze', 'Folake', 'Ayaan', 'Hodan', 'Abena', 'Nomvula'],
    male: ['Chinedu', 'Kwame', 'Tobi', 'Abdi', 'Emeka', 'Kofi', 'Mohamed', 'Tendai'],
    surnames: ['Okafor', 'Adeyemi', 'Mensah', 'Osei', 'Hassan', 'Abdullahi', 'Nwosu', 'Moyo', 'Ogunleye'],
  },
  {
    ethnicity: ['BCRB'],
    weight: 2,
    female: ['Shanice', 'Kezia', 'Tia', 'Aisha', 'Jada'],
    male: ['Jermaine', 'Andre', 'Marcus', 'Devon', 'Isaiah'],
    surnames: ['Henry', 'Williams', 'Brown', 'Clarke', 'Gordon', 'Lewis'],
  },
  {
    ethnicity: ['AIND', 'APKN', 'ABAN'],
    weight: 5,
    female: ['Aisha', 'Priya', 'Zainab', 'Fatima', 'Anaya', 'Maryam', 'Simran', 'Nusrat'],
    male: ['Mohammed', 'Arjun', 'Ibrahim', 'Rayan', 'Aarav', 'Hamza', 'Yusuf', 'Rohan'],
    surnames: ['Khan', 'Ahmed', 'Patel', 'Hussain', 'Begum', 'Singh', 'Akhtar', 'Rahman', 'Chowdhury', 'Shah'],
  },
  {
    ethnicity: ['CHNE', 'AOTH'],
    weight: 1,
    female: ['Mei', 'Linh', 'Yuki', 'Xin'],
    male: ['Wei', 'Minh', 'Jun', 'Hao'],
    surnames: ['Chen', 'Nguyen', 'Wong', 'Li', 'Tran'],
  },
  {
    ethnicity: ['OOTH', 'OAFG'],
    weight: 3,
    female: ['Mariam', 'Hevin', 'Nour', 'Sara', 'Rahel'],
    male: ['Ahmad', 'Omar', 'Yonas', 'Karwan', 'Mustafa', 'Ali'],
    surnames: ['Ahmadi', 'Mohammadi', 'Haile', 'Abdi', 'Karimi', 'Al-Sayed', 'Tesfaye'],
  },
  {
    ethnicity: ['REFU', 'NOBT'],
    weight: 1,
    female: ['Emily', 'Hannah', 'Zara'],
    male: ['Joshua', 'Noah', 'Sam'],
    surnames: ['Parker', 'Bell', 'Cooper', 'Ali'],
  },
];

/** Names for adults (social workers, designated teachers). */
export const STAFF_FIRST = ['Sarah', 'David', 'Priya', 'Michael', 'Aisha', 'James', 'Helen', 'Tunde', 'Rachel', 'Gareth', 'Fatima', 'Claire', 'Daniel', 'Nadia', 'Joanne', 'Marek', 'Bethan', 'Kwesi', 'Lucy', 'Imran'];
export const STAFF_LAST = ['Okoro', 'Reynolds', 'Sharma', 'Hughes', 'Begum', 'Fletcher', 'Morris', 'Adebayo', 'Price', 'Kowalczyk', 'Iqbal', 'Turner', 'Walsh', 'Evans', 'Nkemelu', 'Harrison', 'Dean', 'Chaudhry', 'Pearce', 'Mills'];

export const SCHOOL_PLACES = ['Oakfield', 'Riverside', 'St Mary’s', 'Hillcrest', 'Brookside', 'Castle View', 'Northgate', 'Meadowbank', 'Ashton', 'Kingsway', 'Holy Trinity', 'Greenfields', 'Westwood', 'Parkside', 'Fairfax', 'Elmhurst', 'Highfield', 'St Joseph’s', 'Beacon', 'Millbrook'];

/** Partial postcodes (outward code and sector) for placements: in the council's own area and elsewhere. */
export const HOME_AREA_POSTCODES = ['LS1 4', 'LS6 2', 'LS8 5', 'LS9 7', 'LS11 6', 'LS12 3', 'LS14 1', 'LS15 8'];
export const OTHER_AREA_POSTCODES = ['BD3 9', 'WF1 2', 'HX1 5', 'HG2 7', 'YO24 1', 'M14 6', 'S8 0', 'DN4 9'];
