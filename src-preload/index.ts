// The sandboxed preload: exposes `window.hubdesk` with invoke/on for the contract's channels only.
import { contextBridge, ipcRenderer } from 'electron';
import { createRawBridge } from './expose';

contextBridge.exposeInMainWorld('hubdesk', createRawBridge(ipcRenderer));
