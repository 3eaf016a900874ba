import { liveProfile } from "./live/index";
import type { Profile, ProfileName } from "./profile";
import { seedProfile } from "./seed";

export { PROFILES, type Profile, type ProfileName } from "./profile";

const BY_NAME: Record<ProfileName, Profile> = { seed: seedProfile, live: liveProfile };

export const profileNamed = (name: ProfileName): Profile => BY_NAME[name];
