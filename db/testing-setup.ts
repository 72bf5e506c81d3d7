// Vitest setup file: every test file's throwaway databases are closed when it ends.
import { afterAll } from 'vitest';
import { closeTestDbs } from './testing';

afterAll(closeTestDbs);
