// Dialogue sessions are plain records; the conversation reads and writes them through here.
export { loadSession, saveSession, type SessionRecord } from '../store/session-store';
