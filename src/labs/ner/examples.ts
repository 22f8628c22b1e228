/**
 * Example texts: sentences of the NCBI-disease and BC5CDR test sets (their tokenization undone)
 * and clinical-style notes written for this lab.
 */

export interface NerExample {
  id: string;
  source: 'ncbi-disease' | 'bc5cdr' | 'clinical';
  text: string;
}

export const EXAMPLES: readonly NerExample[] = [
  {
    id: 'bc5cdr-dobutamine',
    source: 'bc5cdr',
    text: 'Torsade de pointes ventricular tachycardia during low dose intermittent dobutamine treatment in a patient with dilated cardiomyopathy and congestive heart failure.',
  },
  {
    id: 'ncbi-ataxia',
    source: 'ncbi-disease',
    text: 'Ataxia-telangiectasia (A-T) is a recessive multi-system disorder caused by mutations in the ATM gene at 11q22-q23 (ref. 3). The risk of cancer, especially lymphoid neoplasias, is substantially elevated in A-T patients and has long been associated with chromosomal instability.',
  },
  {
    id: 'ncbi-leukaemia',
    source: 'ncbi-disease',
    text: 'By analysing tumour DNA from patients with sporadic T-cell prolymphocytic leukaemia (T-PLL), a rare clonal malignancy with similarities to a mature T-cell leukaemia seen in A-T, we demonstrate a high frequency of ATM mutations in T-PLL.',
  },
  {
    id: 'clinical-diabetes',
    source: 'clinical',
    text: 'A 67-year-old man with type 2 diabetes mellitus and chronic kidney disease was started on metformin 500 mg twice daily; lisinopril was held because of hyperkalaemia.',
  },
  {
    id: 'clinical-sjs',
    source: 'clinical',
    text: 'Ten days after starting carbamazepine for trigeminal neuralgia, the patient developed Stevens-Johnson syndrome, and the drug was stopped. Prednisolone was not given.',
  },
  {
    id: 'clinical-chemo',
    source: 'clinical',
    text: 'Neutropenic fever and acute kidney injury followed the second cycle of cisplatin and 5-fluorouracil for squamous cell carcinoma of the head and neck 🤒.',
  },
  {
    id: 'clinical-mixed-zh',
    source: 'clinical',
    text: '患者因高血压服用氨氯地平 (amlodipine)，两周后出现 ankle oedema 和头痛。',
  },
];
