/** What the dashboard's filter controls hold. Empty string / false means "any". */
export interface CohortFilterValues {
  inCare12Months: boolean;
  placementChange: boolean;
  sen: string;
  gender: string;
  ethnicity: string;
  yearGroup: string;
  keyStage: string;
  school: string;
  area: string;
}

export const NO_FILTERS: CohortFilterValues = {
  inCare12Months: false,
  placementChange: false,
  sen: '',
  gender: '',
  ethnicity: '',
  yearGroup: '',
  keyStage: '',
  school: '',
  area: '',
};

export type FilterOptionKey = 'sen' | 'gender' | 'ethnicity' | 'yearGroup' | 'keyStage' | 'school' | 'area';
