import { describe, expect, it, vi } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import { setupI18n, setLang } from '../lib/i18n';
import QuizView from './QuizView.svelte';
import type { Quiz } from '../content/quizzes';

const L = (en: string, zh = en) => ({ en, zh });
const quiz: Quiz = {
  questions: [
    { id: 'q1', type: 'single', prompt: L('Pick b'), options: [L('a'), L('b'), L('c')], correct: [1], explanation: L('Because b.') },
    { id: 'q2', type: 'multiple', prompt: L('Pick a and c'), options: [L('a'), L('b'), L('c')], correct: [0, 2], explanation: L('a and c.') },
  ],
};

setupI18n(null);
setLang('en', null);

describe('QuizView', () => {
  it('scores a submission, marks each question and reports the attempt', async () => {
    const onsubmit = vi.fn();
    render(QuizView, { quiz, lang: 'en', onsubmit });
    const submit = screen.getByRole('button', { name: 'Check answers' });
    expect(submit).toBeDisabled();
    await fireEvent.click(screen.getAllByLabelText('b')[0]!);
    await fireEvent.click(screen.getAllByLabelText('a')[1]!);
    await fireEvent.click(screen.getAllByLabelText('b')[1]!);
    expect(submit).toBeEnabled();
    await fireEvent.click(submit);
    expect(onsubmit).toHaveBeenCalledExactlyOnceWith({ score: 1, total: 2, answers: [[1], [0, 1]] });
    expect(screen.getByTestId('quiz-score')).toHaveTextContent('1 / 2');
    expect(screen.getByText('Because b.')).toBeInTheDocument();
    expect(screen.getByText('Correct')).toBeInTheDocument();
    expect(screen.getByText('Not quite')).toBeInTheDocument();
  });

  it('retry clears the answers for a new attempt that can reach full marks', async () => {
    const onsubmit = vi.fn();
    render(QuizView, { quiz, lang: 'en', onsubmit });
    await fireEvent.click(screen.getAllByLabelText('a')[0]!);
    await fireEvent.click(screen.getAllByLabelText('c')[1]!);
    await fireEvent.click(screen.getByRole('button', { name: 'Check answers' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    for (const input of screen.getAllByRole('radio')) expect(input).not.toBeChecked();
    await fireEvent.click(screen.getAllByLabelText('b')[0]!);
    await fireEvent.click(screen.getAllByLabelText('a')[1]!);
    await fireEvent.click(screen.getAllByLabelText('c')[1]!);
    await fireEvent.click(screen.getByRole('button', { name: 'Check answers' }));
    expect(onsubmit).toHaveBeenLastCalledWith({ score: 2, total: 2, answers: [[1], [0, 2]] });
    expect(screen.getByTestId('quiz-score')).toHaveTextContent('2 / 2');
  });
});
