export { DUPLICATE_WINDOW_MS, submissionKey } from './submission-key.ts';
export {
  MAX_FORM_FIELDS,
  MAX_FORM_FILES,
  readJsonForm,
  readUrlEncodedForm,
  type SubmittedFile,
  type WebFormLimits,
  type WebFormSubmission,
} from './webform-body.ts';
export { type ReadMultipartForm, readMultipartFormStream } from './webform-multipart.reader.ts';
export {
  type MappedSubmission,
  mapWebFormSubmission,
  type SubmissionContext,
  type WebFormDetails,
  type WebFormMapping,
} from './webform-submission.ts';
