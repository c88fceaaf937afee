#!/usr/bin/env node
// The `gloss` command: runs main/cli.ts (TypeScript) through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli.ts');
