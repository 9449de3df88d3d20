/**
 * The folder, under the project root, that holds the constraint files. Its own module so that
 * finding a project root (every `verify` and `review`) does not load the constraints loader and
 * its schemas.
 */
export const CONSTRAINTS_DIR = '.infrakit';
