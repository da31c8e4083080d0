/** The form pattern: `useAppForm(schema)`, `<AppForm>`, fields, `<SubmitButton>`. See src/web/README.md. */
export { AppForm, fieldId } from './AppForm';
export { useAppForm } from './useAppForm';
export { TextField } from './TextField';
export { SubmitButton } from './SubmitButton';
