import credits from './credits.json';
import type { Localized } from '../content/curriculum';

export interface LibraryCredit {
  name: string;
  license: string;
  url: string;
}
/** A model shipped under `models/<id>/`: where it comes from and under which licence. */
export interface ModelCredit {
  id: string;
  name: string;
  license: string;
  source: Localized;
  url?: string;
}
/** A data set used to train or evaluate a shipped model, or shipped as a lab's corpus. */
export interface DataCredit {
  name: string;
  license: string;
  usedFor: Localized;
  url?: string;
}
export interface Credits {
  libraries: LibraryCredit[];
  models: ModelCredit[];
  data: DataCredit[];
}

export const allCredits: Credits = credits as Credits;
