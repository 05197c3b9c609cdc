export { loadDataDirectory, readDataFile, readCsvFile, readCsvStream, todayUtc, type LoadOptions, type LoadResult } from './load.ts';
