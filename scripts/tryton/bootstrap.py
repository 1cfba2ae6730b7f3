"""Bootstraps a Tryton database for Ponte: a company (EUR), a fiscal year
with invoice sequences, a chart of accounts, a payment term, a warehouse, an
account category for the articles Ponte creates, the taxes and currencies the shops it
serves sell with (below: TAXES, CURRENCIES; tax rounding per document), a few salable products
(the demo shop's coffee, coded by SKU, with cost prices), a web shop "Ponte" that
publishes them (with the category "Caffè" and the warehouse) as what Tryton offers to
e-commerce, and the admin user's company. Run with Debian's python3 (it has proteus):

    /usr/bin/python3 scripts/tryton/bootstrap.py CONFIG DATABASE

The database must exist with the modules activated first, as STACK.md says:
    touch DIR/DATABASE.sqlite   (with [database] uri = sqlite:// and path = DIR)
    TRYTONPASSFILE=FILE trytond-admin -c CONFIG -d DATABASE --all \
        -u sale stock party product account_invoice sale_stock_quantity web_shop \
        --activate-dependencies --email admin@example.com
Tryton's test helpers read DB_NAME from the environment: set it to DATABASE.
Running it twice is harmless: it stops when the company exists.

Verified by hand on Tryton 6.0 (Debian 12) on 2026-11-23; the Tryton adapter
and its integration tests (issue 4) build on it.
"""
import datetime
import json
import sys
from decimal import Decimal

from proteus import Model, config as proteus_config
from trytond.modules.account.tests.tools import create_chart, create_fiscalyear, create_tax, get_accounts
from trytond.modules.account_invoice.tests.tools import create_payment_term, set_fiscalyear_invoice_sequences
from trytond.modules.company.tests.tools import create_company, get_company
from trytond.modules.currency.tests.tools import get_currency

# The taxes a merchant's Tryton holds for what its shops charge: Italian IVA, Polish VAT, Canadian GST and
# Quebec's QST, Australian GST, Japanese consumption tax, and a US state + county pair. Ponte picks one Tryton
# tax per Shopify tax by rate (and by name, where several share a rate).
TAXES = [
    ("IVA 22%", "0.22"),
    ("IVA 10%", "0.10"),
    ("IVA 4%", "0.04"),
    ("PL VAT 23%", "0.23"),
    ("PL VAT 8%", "0.08"),
    ("GST 5% (Canada)", "0.05"),
    ("QST 9.975% (Quebec)", "0.09975"),
    ("GST 10% (Australia)", "0.10"),
    ("CT 10% (Japan consumption tax)", "0.10"),
    ("New York State Tax 4%", "0.04"),
    ("New York County Tax 4.875%", "0.04875"),
]

# The currencies the shops sell in, with a rate against the company's EUR (a merchant's Tryton holds its
# shops' currencies); JPY has no decimals.
CURRENCIES = [
    ("USD", "U.S. Dollar", "$", "1.08", 2),
    ("CAD", "Canadian Dollar", "CA$", "1.50", 2),
    ("PLN", "Polish Zloty", "zł", "4.30", 2),
    ("HKD", "Hong Kong Dollar", "HK$", "8.40", 2),
    ("AUD", "Australian Dollar", "A$", "1.65", 2),
    ("JPY", "Japanese Yen", "¥", "162", 0),
]

# The ERP's own articles, coded by the SKUs the demo shop sells.
SALABLE_PRODUCTS = [
    ("CAF-GRANI-1KG", "Caffè in grani 1 kg", "18.90", "9.80"),
    ("CAF-MOKA-250", "Caffè macinato moka 250 g", "5.40", "2.60"),
    ("MOKA-3", "Moka 3 tazze", "29.00", "14.50"),
]


def main(config_file, database):
    config = proteus_config.set_trytond(database=database, config_file=config_file)
    Company = Model.get("company.company")
    if Company.find([]):
        print(json.dumps({"status": "already bootstrapped"}))
        return
    Party = Model.get("party.party")
    party = Party(name="Ponte Demo S.r.l.")
    party.save()
    create_company(party=party, currency=get_currency("EUR"))
    company = get_company()

    fiscalyear = set_fiscalyear_invoice_sequences(create_fiscalyear(company, today=datetime.date.today()))
    fiscalyear.click("create_period")
    create_chart(company)
    accounts = get_accounts(company)

    term = create_payment_term()
    term.save()

    Category = Model.get("product.category")
    category = Category(name="Ponte articles")
    category.accounting = True
    category.account_revenue = accounts["revenue"]
    category.account_expense = accounts["expense"]
    category.save()

    for name, rate in TAXES:
        tax = create_tax(Decimal(rate))
        tax.name = tax.description = name
        tax.save()

    # Tax rounding stays per document (Tryton's default). Tryton's "per line" rounds the running total of each tax
    # half to even after every line, which books a real Canadian order (GST + QST, 35.00 and 2 x 50.00) at 13.46 of
    # QST where Shopify charged 13.47; per document (each tax on the sale's total base) books it as Shopify did.
    # A difference that remains on some order is flagged by Ponte's totals check.
    AccountConfiguration = Model.get("account.configuration")
    account_config = AccountConfiguration(1)
    account_config.tax_rounding = "document"
    account_config.save()

    Currency = Model.get("currency.currency")
    Rate = Model.get("currency.currency.rate")
    for code, name, symbol, rate, digits in CURRENCIES:
        if Currency.find([("code", "=", code)]):
            continue
        currency = Currency(name=name, symbol=symbol, code=code, digits=digits, rounding=Decimal(1) if digits == 0 else Decimal("0.01"))
        currency.save()
        # Tryton's test helper gives EUR the rate 2: the others keep their proportion to it.
        Rate(date=datetime.date(2020, 1, 1), rate=Decimal(rate) * 2, currency=currency).save()

    Uom = Model.get("product.uom")
    unit, = Uom.find([("symbol", "=", "u")])
    Template = Model.get("product.template")
    coffee = Category(name="Caffè")
    coffee.save()
    published = []
    for code, name, price, cost in SALABLE_PRODUCTS:
        template = Template(name=name, type="goods", salable=True, default_uom=unit, sale_uom=unit, code=code)
        template.list_price = Decimal(price)
        template.account_category = category
        template.categories.append(Category(coffee.id))
        template.save()
        product, = template.products
        product.cost_price = Decimal(cost)
        product.save()
        published.append(product)

    # What Tryton offers to e-commerce: the products a web shop publishes.
    Location = Model.get("stock.location")
    warehouse, = Location.find([("type", "=", "warehouse")], limit=1)
    WebShop = Model.get("web.shop")
    shop = WebShop(name="Ponte", company=company, currency=company.currency)
    shop.warehouses.append(Location(warehouse.id))
    shop.categories.append(Category(coffee.id))
    Product = Model.get("product.product")
    for product in published:
        shop.products.append(Product(product.id))
    shop.save()

    Configuration = Model.get("party.configuration")
    party_config = Configuration(1)
    party_config.save()

    User = Model.get("res.user")
    admin = User(config.user)
    admin.companies.append(Company(company.id))
    admin.company = company
    admin.save()

    print(json.dumps({"status": "bootstrapped", "company": company.id, "category": category.id, "paymentTerm": term.id, "webShop": shop.id, "warehouse": warehouse.id}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
