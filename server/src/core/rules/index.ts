/** The rule registry: every rule module, in id order. */
import missingSection from './missing-section.js';
import thinSection from './thin-section.js';
import missingTopic from './missing-topic.js';
import placeholder from './placeholder.js';
import duplicateSection from './duplicate-section.js';
import sectionOrder from './section-order.js';
import marketSizeUnquantified from './market-size-unquantified.js';
import missingSource from './missing-source.js';
import tableArithmetic from './table-arithmetic.js';
import fundsTotal from './funds-total.js';
import riskWithoutResponse from './risk-without-response.js';
import tooComplexToParse from './too-complex-to-parse.js';
import buriedSection from './buried-section.js';
import unmarkedHeading from './unmarked-heading.js';
import figureContradiction from './figure-contradiction.js';
import incompleteForecast from './incomplete-forecast.js';
import unquantifiedFunding from './unquantified-funding.js';
import wrongCalculation from './wrong-calculation.js';
import invertedMarketSizes from './inverted-market-sizes.js';
import type { RuleModule } from './rule.js';

export const RULES: readonly RuleModule[] = [missingSection, thinSection, missingTopic, placeholder, duplicateSection, sectionOrder, marketSizeUnquantified, missingSource, tableArithmetic, fundsTotal, riskWithoutResponse, tooComplexToParse, buriedSection, unmarkedHeading, figureContradiction, incompleteForecast, unquantifiedFunding, wrongCalculation, invertedMarketSizes] as RuleModule[];

export const RULES_BY_NAME: ReadonlyMap<string, RuleModule> = new Map(RULES.map((r) => [r.name, r]));

export type { RuleModule };
