import { isBundledCatalog, type Catalog } from '../catalog/catalog.js';
import { addMonths, dayOfIso } from '../calendar.js';
import { cumulate } from '../rng.js';
import type { CareModel, ConditionSpec, ConditionsModel, DemographyModel, WorkforceModel } from './model-data.js';
import { loadModelFiles, readModelFiles, type ModelFiles } from './model-files.js';
import { buildReferentials, type Referentials } from './referentials.js';

/** A drug presentation of IR_PHA_R (a real BDPM presentation: schemas/sources/bdpm). */
export interface Drug {
  cip13: string;
  /** The CIP13 as the 64-bit integer ER_PHA_F stores (PHA_PRS_C13), converted once. */
  cip13Value: bigint;
  /** CIP7, a number as schema-snds types it. */
  cip7: number;
  atc: string;
  price: number;
  rate: number;
  weight: number;
}

/** Everything the care model reads, resolved once per (seed, scale) and checked against the nomenclatures. */
export interface ModelContext {
  seed: number;
  beneficiaries: number;
  catalog: Catalog;
  demography: DemographyModel;
  care: CareModel;
  workforce: WorkforceModel;
  conditions: ConditionSpec[];
  /** conditions.json's settings besides the list (probability cap, ALD exemptions). */
  conditionsModel: ConditionsModel;
  refs: Referentials;
  /** Drug presentations by ATC code, with cumulative volume weights. */
  drugsByAtc: Map<string, { drugs: Drug[]; cumulative: Float64Array }>;
  /** Sector-2 share of each profession (workforce.json): extra-billing is drawn among sector-2 physicians. */
  sector2Share: Map<string, number>;
  /** Cumulative shares of care.transport.modes. */
  transportModeCumulative: Float64Array;
  /** Cumulative shares of care.pmsiUnits.unitsWithNights (index = units - 1). */
  pmsiUnitCountCumulative: Float64Array;
  /** NABM code → B coefficient. */
  bioCoefficient: Map<string, number>;
  /** CCAM code → tariff in euros. */
  ccamTariff: Map<string, number>;
  /** CCAM code → nature of benefit (PRS_NAT_REF) of its billing group (CAM_PRS_RGT = IR_NAT_V.PRS_NAT_CB2); present for every act billed in town. */
  ccamNature: Map<string, string>;
  /** ICD-10 code → ALD number ('0' when none). */
  icdAld: Map<string, string>;
  /** First day of every care month simulated, in order. */
  months: number[];
  firstCareDay: number;
  /** Last flux date held by the dataset (FLX_DIS_DTD ≤ this day). */
  lastFluxDay: number;
  /** Care years whose PMSI stays and deaths are complete in the dataset. */
  careYearStart: number;
  careYearEnd: number;
}

/** The dataset's care period, from the care model alone (no nomenclature or referential needed). */
export function carePeriod(care: CareModel, lastFluxOverride?: number) {
  return {
    firstCareDay: dayOfIso(care.period.firstCareDay),
    lastFluxDay: lastFluxOverride ?? dayOfIso(care.period.lastFluxMonth),
    careYearStart: Math.min(...care.period.careYears),
    careYearEnd: Math.max(...care.period.careYears),
  };
}

/** The part of the model context that depends on the catalog only: the same for every seed and scale. */
type CatalogModel = Omit<ModelContext, 'seed' | 'beneficiaries' | 'refs' | 'months' | 'firstCareDay' | 'lastFluxDay' | 'careYearStart' | 'careYearEnd'>;

/**
 * Built once per catalog object (a catalog's data never changes; an edited model is a new Catalog):
 * indexing the nomenclatures takes tens of milliseconds, which a server generating a new seed on
 * every request would otherwise pay each time, in one block.
 */
const catalogModels = new WeakMap<Catalog, CatalogModel>();

/** Build and validate the model context: an unknown code in schemas/model is reported here, by name. */
export function buildModelContext(seed: number, beneficiaries: number, catalog: Catalog, lastFluxOverride?: number): ModelContext {
  let model = catalogModels.get(catalog);
  if (!model) {
    // The bundled catalog was checked when it was built (scripts/check-catalog.mjs, the last step of
    // `npm run build`): its model files are not validated again at each start. Any other catalog
    // (model files edited in memory, another catalog's data) is.
    model = buildCatalogModel(catalog, !isBundledCatalog(catalog));
    catalogModels.set(catalog, model);
  }
  const period = carePeriod(model.care, lastFluxOverride);
  const months: number[] = [];
  for (let m = period.firstCareDay; m <= period.lastFluxDay; m = addMonths(m, 1)) months.push(m);
  return { ...model, seed, beneficiaries, refs: buildReferentials(seed, beneficiaries, catalog, model.workforce), months, ...period };
}

/**
 * Every check of a catalog's model files: the schema (schemas/model/model.schema.json) and the codes
 * against the nomenclatures. Throws an error listing each problem; the build runs it on the bundled
 * catalog, buildModelContext on any other.
 */
export function checkModel(catalog: Catalog): void {
  buildCatalogModel(catalog, true);
}

function buildCatalogModel(catalog: Catalog, validate: boolean): CatalogModel {
  const files: ModelFiles = validate ? loadModelFiles(catalog) : readModelFiles(catalog);
  const { demography, care, workforce } = files;
  const conditions = files.conditions.conditions;

  // Nomenclatures are read column by column (cached arrays), not as one object per row: IR_PHA_R
  // alone has thousands of rows of 81 columns, and objects of them were a tenth of a small run.
  const col = (nomenclature: string, column: string) => catalog.column(nomenclature, column);
  const drugsByAtc = new Map<string, { drugs: Drug[]; cumulative: Float64Array }>();
  {
    const [cip13, cip7, atc, price, rates, weight] = ['PHA_CIP_C13', 'PHA_PRS_IDE', 'PHA_ATC_C07', 'PHA_PRX_PUB', 'PHA_TAU_REM', 'PHA_VOL_POI'].map((c) => col('IR_PHA_R', c));
    for (let i = 0; i < cip13.length; i++) {
      const rate = Number(rates[i]);
      if (!(rate > 0)) continue; // not reimbursed: never in DCIR
      if (!/^\d{13}$/.test(cip13[i])) throw new Error(`IR_PHA_R: PHA_CIP_C13 "${cip13[i]}" is not 13 digits`);
      const d: Drug = { cip13: cip13[i], cip13Value: BigInt(cip13[i]), cip7: Number(cip7[i]), atc: atc[i], price: Number(price[i]), rate, weight: Number(weight[i]) };
      if (!(d.weight > 0)) throw new Error(`IR_PHA_R ${d.cip13}: PHA_VOL_POI must be positive`);
      const e = drugsByAtc.get(d.atc);
      if (e) e.drugs.push(d);
      else drugsByAtc.set(d.atc, { drugs: [d], cumulative: new Float64Array() });
    }
  }
  for (const e of drugsByAtc.values()) e.cumulative = cumulate(e.drugs.map((d) => d.weight));

  /** Map of one column of a nomenclature to another (converted by `value`), in file order (the last row of a key wins). */
  const mapOf = <V>(nomenclature: string, key: string, column: string, value: (text: string) => V): Map<string, V> => {
    const keys = col(nomenclature, key);
    const values = col(nomenclature, column);
    const m = new Map<string, V>();
    for (let i = 0; i < keys.length; i++) m.set(keys[i], value(values[i]));
    return m;
  };
  const bioCoefficient = mapOf('IR_BIO_R', 'BIO_PRS_IDE', 'BIO_TAR_COF', Number);
  const ccamTariff = mapOf('IR_CCAM_V63', 'CAM_PRS_IDE_COD', 'CAM_TARIF', Number);
  const natureByGroup = new Map<string, string>();
  // A nature whose key is exactly the group wins over a shared key ('ADI' is 1351, not the closed 'ZM/ADI' 1335).
  const natCodes = col('IR_NAT_V', 'PRS_NAT');
  const natGroups = col('IR_NAT_V', 'PRS_NAT_CB2');
  for (let i = 0; i < natCodes.length; i++) if (natGroups[i] && !natureByGroup.has(natGroups[i])) natureByGroup.set(natGroups[i], natCodes[i]);
  for (let i = 0; i < natCodes.length; i++) for (const g of (natGroups[i] ?? '').split('/')) if (g && !natureByGroup.has(g)) natureByGroup.set(g, natCodes[i]);
  const ccamNature = new Map<string, string>();
  {
    const codes = col('IR_CCAM_V63', 'CAM_PRS_IDE_COD');
    const groups = col('IR_CCAM_V63', 'CAM_PRS_RGT');
    for (let i = 0; i < codes.length; i++) {
      const nat = natureByGroup.get(groups[i]);
      if (nat) ccamNature.set(codes[i], nat);
    }
  }
  const icdAld = mapOf('IR_CIM_V', 'CIM_COD', 'ALD_030_COD', (v) => v || '0');
  if (validate) checkCodes(catalog, files, { drugsByAtc, bioCoefficient, ccamTariff, ccamNature, icdAld });

  return {
    catalog,
    demography,
    care,
    workforce,
    conditions,
    conditionsModel: files.conditions,
    drugsByAtc,
    sector2Share: new Map(workforce.professions.map((k) => [k.kind, k.sector2Share])),
    transportModeCumulative: cumulate(care.transport.modes.map((m) => m.share)),
    pmsiUnitCountCumulative: cumulate(care.pmsiUnits.unitsWithNights),
    bioCoefficient,
    ccamTariff,
    ccamNature,
    icdAld,
  };
}

/** The model files' codes (typed by the schema's `x-code`) checked against the nomenclatures and the model's own lists. */
function checkCodes(catalog: Catalog, files: ModelFiles, index: Pick<CatalogModel, 'drugsByAtc' | 'bioCoefficient' | 'ccamTariff' | 'ccamNature' | 'icdAld'>): void {
  const { care, workforce } = files;
  const conditions = files.conditions.conditions;
  const { drugsByAtc, bioCoefficient, ccamTariff, ccamNature, icdAld } = index;
  const natures = new Set(catalog.column('IR_NAT_V', 'PRS_NAT'));
  const icdPmsi = new Set(catalog.column('MS_CIM_V', 'CIM_COD'));

  const specialties = new Set<string>([care.billing.roles.gp, ...workforce.specialties.map(([spe]) => spe)]);
  const conditionIds = new Set(conditions.map((c) => c.id));
  /** One check per code type of the schema's `x-code`: a type without a check is an error too. */
  const known: Record<string, { what: string; has: (code: string) => boolean }> = {
    ATC: { what: 'ATC code (no reimbursed presentation in IR_PHA_R)', has: (c) => drugsByAtc.has(c) },
    NABM: { what: 'NABM code (not in IR_BIO_R)', has: (c) => bioCoefficient.has(c) },
    CCAM: { what: 'CCAM code (not in IR_CCAM_V63)', has: (c) => ccamTariff.has(c) },
    TOWN_CCAM: {
      what: 'CCAM code billed in town (not in IR_CCAM_V63, or its billing group CAM_PRS_RGT has no nature in IR_NAT_V)',
      has: (c) => ccamTariff.has(c) && ccamNature.has(c),
    },
    ICD10: { what: 'ICD-10 code (not in MS_CIM_V and IR_CIM_V)', has: (c) => icdPmsi.has(c) && icdAld.has(c) },
    NAT: { what: 'nature of benefit (not in IR_NAT_V)', has: (c) => natures.has(c) },
    SPECIALTY: { what: 'specialty (no professional of it in schemas/model/workforce.json)', has: (c) => specialties.has(c) },
    CONDITION: { what: 'condition (no such id in schemas/model/conditions.json)', has: (c) => conditionIds.has(c) },
  };
  const problems: string[] = [];
  for (const use of files.codes) {
    const check = known[use.type];
    if (!check) problems.push(`schemas/model/${use.file}.json ${use.path}: code type ${use.type} of the schema has no check in src/core/model/model-context.ts`);
    else if (!check.has(use.value)) problems.push(`schemas/model/${use.file}.json ${use.path}: ${check.what} ${use.value}`);
  }
  const ace = care.hospitalOutpatient;
  for (const code of [...ace.consultationActs.map(([c]) => c), ...ace.emergencyActs]) if (!(code in ace.prices)) problems.push(`schemas/model/care.json /hospitalOutpatient/prices: no price for ${code}`);
  if (problems.length) throw new Error(`schemas/model refers to codes the nomenclatures do not ship:\n  ${problems.join('\n  ')}`);
}
