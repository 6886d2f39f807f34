/**
 * Content script (MAIN world, document_start, all frames): the page hook. Built as a self-contained IIFE so it
 * runs synchronously before the page's own scripts (a module content script would load too late).
 */
import { installHook } from '../src/hook/install';

installHook(window, { version: __EXTENSION_VERSION__ });
