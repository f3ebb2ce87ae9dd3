export { DUPLICATE_WINDOW_MS, submissionKey } from './submission-key.ts';
export {
  MAX_FORM_FIELDS,
  MAX_FORM_FILES,
  readJsonForm,
  readMultipartForm,
  readUrlEncodedForm,
  type SubmittedFile,
  type WebFormSubmission,
} from './webform-body.ts';
export {
  type MappedSubmission,
  mapWebFormSubmission,
  type SubmissionContext,
  type WebFormDetails,
  type WebFormMapping,
} from './webform-submission.ts';
