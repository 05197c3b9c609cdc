export { generateRecords, DISTRIBUTIONS, type GenerateOptions } from './generate.ts';
export { csvField, csvLine, templateLines, TEMPLATE_FILES, TEMPLATE_HEADERS, type TemplateFile } from './templates.ts';
