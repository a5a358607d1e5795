/**
 * What a plan says, in so many words, it leaves out on purpose: "本文件不做市场规模、融资金额、三年预测",
 * "This memo deliberately gives no market sizing or financial projections until the pilots report".
 * A rule that would ask for such a figure stays silent: the founder has already said why it is missing.
 *
 * Read sentence by sentence (split on sentence ends and line breaks): a sentence counts when it holds a
 * word of declining and a word of the topic. Plain alternations, one test per sentence: linear.
 */
import { maskedText } from './numbers.js';

export type DeclinedTopic = 'market-size' | 'forecast' | 'funding';

/** Words of leaving something out on purpose (not "we do not yet know", nor "暂不", which puts off what it names). */
const DECLINE =
  /不做|不作|不含|不包含|不提供|不涉及|不给出|不进行|不予|省略|\bdoes not (?:include|give|cover|provide|attempt|make)\b|\bdo not (?:include|give|cover|provide|attempt|make)\b|\bwill not (?:include|give|cover|provide|attempt|make)\b|\bdeliberately (?:omits|leaves out|gives no|makes no)\b|\bintentionally (?:omits|leaves out|gives no)\b|\bmakes no\b|\bgives no\b|\bomits\b|\bleaves out\b/i;

const TOPICS: Array<[DeclinedTopic, RegExp]> = [
  ['market-size', /市场规模|市场测算|市场容量|\bTAM\b|market[- ]siz|market estimate/i],
  ['forecast', /预测|财务测算|收入测算|\bforecasts?\b|\bprojections?\b|\bfinancials\b/i],
  ['funding', /融资|募资|\bfunding\b|\bfundraising\b|\braise\b|\bthe ask\b/i],
];

const SENTENCE_END = /[。！？!?\n]|\.(?=\s|$)/;

const memo = new Map<string, Set<DeclinedTopic>>();

/** The topics the text declines on purpose (masked: code, comments and links are not the founder's prose). */
export function declinedTopics(text: string): ReadonlySet<DeclinedTopic> {
  const hit = memo.get(text);
  if (hit) return hit;
  const out = new Set<DeclinedTopic>();
  for (const sentence of maskedText(text).split(SENTENCE_END)) {
    if (sentence.length > 400) continue;
    const d = DECLINE.exec(sentence);
    if (!d) continue;
    // what is declined follows the word of declining ("不做市场规模、融资金额"), or the sentence is short enough to be about it alone
    const scope = sentence.length <= 80 ? sentence : sentence.slice(d.index, d.index + d[0].length + 60);
    for (const [topic, re] of TOPICS) if (re.test(scope)) out.add(topic);
  }
  if (memo.size >= 8) memo.clear();
  memo.set(text, out);
  return out;
}
