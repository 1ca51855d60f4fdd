/** Allure output of a run: the results directory (writeAllureResults) and the HTML report (buildAllureReport). */
export { writeAllureResults, PCAP_CONTENT_TYPE } from './write-allure-results.ts';
export type { WriteAllureOptions, AllureResultsWritten } from './write-allure-results.ts';
export { attachmentsFromOutputDir } from './allure-attachments.ts';
export type { AllureAttachmentSources } from './allure-attachments.ts';
export { buildAllureReport, DEFAULT_ALLURE_TIMEOUT_MS } from './build-allure-report.ts';
export type { BuildAllureOptions, AllureReportBuilt } from './build-allure-report.ts';
export { findAllureCli, findJava } from './find-allure-tools.ts';
export { AllureToolMissingError, AllureGenerateError, AllureResultsError } from './allure-errors.ts';
export { STATUS_BY_VERDICT } from './allure-status.ts';
export { CATEGORIES } from './allure-environment.ts';
