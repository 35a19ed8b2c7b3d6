import { describe, expect, it } from 'vitest';
import { errorPageText, isErrorText } from '../../functions/process/error-page.ts';

describe('isErrorText: a title or heading that says the page is an error or maintenance page', () => {
  it.each([
    '404',
    'Error 404',
    '404 Not Found',
    'Error 404: Page not found',
    'HTTP 404',
    '404!',
    'Page Not Found (404)',
    '404: Страница не найдена',
    'Ошибка 404. Страница не найдена',
    'Error 404 - Page not found',
    'Oops! Page not found',
    'The page you are looking for does not exist.',
    '503 Service Unavailable',
    '504 Gateway Time-out',
    'Site under maintenance',
    'Ошибка 404',
    'Страница не найдена - Kazinform',
    '404 | Страница не найдена',
    'Технические работы',
    'На сайте ведутся технические работы',
    'Сайт временно недоступен',
    'Бет табылмады',
    'Bet tabylmady',
    'بەت تابىلمادى',
    'Техникалық жұмыстар жүргізілуде',
    'Sahifa topilmadi',
    'Саҳифа топилмади',
    'Texnik ishlar olib borilmoqda',
    '页面不存在',
    '404错误',
    '网站维护中',
    'Извините, страница не найдена | Kazinform',
    'Страница не найдена или была удалена',
    'Новость не найдена',
    'Материал не найден',
    'Sorry, the page you are looking for could not be found',
    'Сайтта техникалық жұмыстар жүргізілуде',
    'Сайт на техническом обслуживании',
    'Сайт временно недоступен, зайдите позже',
  ])('%s', (text) => {
    expect(isErrorText(text)).toBe(true);
  });

  it.each([
    'Технические работы проведут на трассе Алматы – Бишкек',
    'Пропавший в горах турист не найден: поиски продолжаются',
    'Kazakhstan, Uzbekistan discuss maintenance of the Dostyk canal',
    '500 студентов из Туркменистана учатся в Казахстане',
    'Kazakhstan and Turkmenistan: trade reaches 404 million dollars',
    'Not found guilty: court clears the official',
    'Страница истории: Казахстан и Узбекистан',
    'Kazinform',
    '404-й километр: ремонт завершён',
    'Page 404 of the archive',
    '',
  ])('not %j', (text) => {
    expect(isErrorText(text)).toBe(false);
  });
});

describe('errorPageText: what an error page says of itself', () => {
  it('reads the title', () => {
    expect(errorPageText('<html><head><title>Страница не найдена | Kazinform</title></head><body><p>Попробуйте позже.</p></body></html>')).toBe('Страница не найдена | Kazinform');
  });

  it('reads the first heading when the title is the site name, markup inside it included', () => {
    expect(errorPageText('<html><head><title>Kazinform</title></head><body><h1 class="err"><span>404</span></h1><p>Нет такой страницы.</p></body></html>')).toBe('404');
  });

  it('finds nothing on an article page', () => {
    expect(errorPageText('<html><head><title>Kazakhstan, Turkmenistan sign a road map</title></head><body><h1>Kazakhstan, Turkmenistan sign a road map</h1><p>ASTANA. Kazinform</p></body></html>')).toBeNull();
  });

  it('reads only the start of a page', () => {
    expect(errorPageText(`<html><head><title>News</title></head><body>${'<p>x</p>'.repeat(20_000)}<h1>404</h1></body></html>`)).toBeNull();
  });
});
